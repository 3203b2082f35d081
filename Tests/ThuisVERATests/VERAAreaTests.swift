import Foundation
import Testing
import ThuisCore
import ThuisTestSupport
import ThuisVERA

/// The areas a VERA Eenheid carries: its address's stadsdeel, wijk and buurt, and its cluster
/// of soort MAR (Documentation/vera.md).
@Suite(.timeLimit(.minutes(3))) struct VERAAreaTests {
    @Test("VERA's adres.wijk, adres.buurt, adres.stadsdeel and the cluster of soort MAR are read; two MAR clusters are refused")
    func readVERA() throws {
        let page = """
            [
            {"id":"E91","idOrganisatie":"MIT","adres":{"gemeente":{"code":"0344"},"stadsdeel":{"code":"Z","naam":"Zuid"},"wijk":{"code":"WK034409"},"buurt":{"code":"BU03440901","naam":"Hoograven"}},"clusters":[{"code":"F1","soort":{"code":"FIN"}},{"id":"K9","soort":{"code":"MAR"}}],"kamersAantal":2,"rekenhuur":600.00},
            {"id":"E92","idOrganisatie":"MIT","adres":{"gemeente":{"code":"0344"}},"clusters":[{"code":"K1","soort":{"code":"MAR"}},{"code":"K2","soort":{"code":"MAR"}}],"kamersAantal":2,"rekenhuur":600.00}
            ]
            """
        let diagnostics = try VERADiagnosticTests.diagnostics("eenheden-99.json", page)
        #expect(diagnostics == ["eenheden-99.json:3:121: error: INVALID_AREA: Eenheid E92: clusters holds two clusters of soort MAR; a dwelling lies in one complex"])
        let directory = try VERADiagnosticTests.batch("eenheden-99.json", String(page.split(separator: "\n")[0...1].joined(separator: "\n")).dropLast() + "\n]")
        defer { try? FileManager.default.removeItem(at: directory) }
        let market = try #require(VERABatchReader.read([directory.path]).market)
        let e91 = try #require(market.dwellings.ids.index(of: "E91"))
        #expect(market.areaCodes(ofDwelling: Int(e91)) == [AreaKind.borough: "0344:Z", .district: "WK034409", .neighbourhood: "BU03440901", .complex: "MIT:K9"])
    }
}

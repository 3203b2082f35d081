import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisXML

/// `--skip-invalid`: invalid records and their dependants move to the rejects file, and the
/// counts prove nothing vanished.
@Suite struct SkipInvalidTests {
    static let document = ExportDocument.wrap("""
        \(ExportDocument.dwelling)
        <Eenheid id="E2" gemeente="0344" corporatie="MIT" kamersAantal="drie" rekenhuur="700.00"/>
        \(ExportDocument.advert)
        <Publicatie id="P2" model="AAN" begindatum="2026-11-01" einddatum="2026-11-20" eenheid="E2"/>
        \(ExportDocument.household("H1"))
        \(ExportDocument.household("H2", born: "1990-13-01"))
        \(ExportDocument.household("H3"))
        \(ExportDocument.reaction("H1"))
        \(ExportDocument.reaction("H2"))
        \(ExportDocument.reaction("H3"))
        \(ExportDocument.reaction("H3", "P2", preference: 2))
        \(ExportDocument.reaction("H4"))
        """)

    @Test("strict reading refuses the batch")
    func strict() {
        let result = ExportReader.read(document: Self.document)
        #expect(result.market == nil)
        #expect(Set(result.errors.map(\.code)) == [.invalidNumber, .invalidDate, .unknownHousehold])
    }

    @Test("skipping moves invalid records and dependants out; read = accepted + rejected")
    func skipping() throws {
        let result = ExportReader.read(document: Self.document, options: .init(skipInvalid: true))
        let market = try #require(result.market)
        for entity in EntityKind.allCases {
            #expect(result.read[entity, default: 0] == result.accepted[entity, default: 0] + result.rejected(entity), "\(entity)")
        }
        #expect(market.dwellings.count == 1)
        #expect(market.adverts.count == 1)
        #expect(market.households.count == 2)
        #expect(market.reactions.count == 2)
        let reasons = Dictionary(uniqueKeysWithValues: result.rejections.map { ("\($0.entity.rawValue) \($0.id)", $0.code) })
        #expect(reasons == [
            "Eenheid E2": .invalidNumber,
            "Publicatie P2": .dependsOnRejected,
            "Relatie H2": .invalidDate,
            "Reactie H2>P1": .dependsOnRejected,
            "Reactie H3>P2": .dependsOnRejected,
            "Reactie H4>P1": .unknownHousehold,
        ])
    }

    @Test("validate --skip-invalid writes the rejects file and exits 0")
    func command() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("batch.xml").path
        try Self.document.write(toFile: export, atomically: true, encoding: .utf8)
        var command = ValidateCommand(files: [export])
        command.skipInvalid = true
        command.rejectsPath = directory.appendingPathComponent("rejects.csv").path
        let outcome = command.run()
        #expect(outcome.exit == .ok)
        let rejects = try String(contentsOfFile: command.rejectsPath, encoding: .utf8)
        let rows = rejects.split(separator: "\n")
        #expect(rows.first == "entity,id,file,line,column,code,reason")
        #expect(rows.count == 7)
        #expect(rows[1].hasPrefix("Eenheid,E2,\(export),4,"))
        #expect(outcome.stdout.contains("Rejected records: 6"))
    }
}

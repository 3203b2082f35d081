import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisVERA

/// Bad VERA input is reported as the XML reader reports it: `FILE:LINE:COL: error: CODE`, at the
/// JSON value, and never crashes, hangs or passes silently.
@Suite(.timeLimit(.minutes(3))) struct VERADiagnosticTests {
    /// A batch folder: the demo twin with `page` replacing (or added as) the file `name`.
    static func batch(_ name: String, _ page: String, removing: [String] = []) throws -> URL {
        let directory = Fixtures.temporaryDirectory()
        let fixture = Fixtures.path("vera/demo-region")
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture) where file != "manifest.sha256" && !removing.contains(file) {
            try FileManager.default.copyItem(atPath: "\(fixture)/\(file)", toPath: directory.appendingPathComponent(file).path)
        }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        try Data(page.utf8).write(to: directory.appendingPathComponent(name))
        return directory
    }

    /// The diagnostics of reading a batch with one extra page, as users see them.
    static func diagnostics(_ name: String, _ page: String) throws -> [String] {
        let directory = try batch(name, page)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = VERABatchReader.read([directory.path])
        return result.diagnostics.map { $0.description.replacingOccurrences(of: directory.path + "/", with: "") }
    }

    static let household = #"{"id":"HX","soort":{"code":"GRO"},"overeenkomsten":[{"soort":{"code":"INS"},"begindatum":"2020-01-01"}],"relaties":[{"geboortedatum":"1990-01-01"}]}"#

    @Test("each problem is located at its JSON value and coded", arguments: [
        // (page, expected diagnostic)
        ("[\n{\"id\":\"E9\",\"idOrganisatie\":\"X\",\"adres\":{\"gemeente\":{\"code\":\"0344\"}},\"kamersAantal\":\"2\",\"rekenhuur\":500.00}\n]",
         "eenheden-99.json:2:84: error: WRONG_JSON_TYPE: Eenheid E9: kamersAantal is not a number (VERA gives it as a JSON number)"),
        ("[\n{\"id\":\"E9\",\"idOrganisatie\":\"X\",\"adres\":{\"gemeente\":{\"code\":\"344\"}},\"kamersAantal\":2,\"rekenhuur\":500.00}\n]",
         "eenheden-99.json:2:60: error: INVALID_MUNICIPALITY: Eenheid E9: adres.gemeente.code '344' is not a CBS municipality code (four digits, e.g. 0363)"),
        ("[\n{\"id\":\"E9\",\"idOrganisatie\":\"X\",\"adres\":{\"gemeente\":{\"code\":\"0344\"}},\"kamersAantal\":2,\"rekenhuur\":500.001}\n]",
         "eenheden-99.json:2:98: error: INVALID_NUMBER: Eenheid E9: rekenhuur 500.001 is not a number with at most two decimals (e.g. 682.96)"),
        ("[\n{\"id\":\"E9\",\"idOrganisatie\":\"X\",\"adres\":{\"gemeente\":{\"code\":\"0344\"}},\"kamersAantal\":2}\n]",
         "eenheden-99.json:2:1: error: MISSING_FIELD: Eenheid E9: rekenhuur is missing"),
        ("[\n{\"id\":\"E9\",\"idOrganisatie\":\"X\",\"adres\":{\"gemeente\":{\"code\":\"0344\"}},\"kamersAantal\":2,\"rekenhuur\":5e2}\n]",
         "eenheden-99.json:2:98: error: INVALID_NUMBER: Eenheid E9: rekenhuur 5e2 is not a number with at most two decimals (e.g. 682.96)"),
        ("[\n{\"publicatie\":{\"id\":\"P01\"},\"relaties\":[\"/relaties/NOPE\"],\"datum\":\"2026-11-02T00:00:00Z\"}\n]",
         "reacties-99.json:2:1: error: UNKNOWN_HOUSEHOLD: Reactie of Relatie NOPE to Publicatie P01: the batch has no Relatie NOPE"),
        ("[\n{\"publicatie\":{\"id\":\"P01\"},\"relaties\":[\"/relaties/H01\"],\"datum\":\"2026-13-02T00:00:00Z\"}\n]",
         "reacties-99.json:2:65: error: INVALID_DATE: Reactie of Relatie H01 to Publicatie P01: datum '2026-13-02T00:00:00Z' is not a date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)"),
        ("[\n\(household.replacingOccurrences(of: "\"id\":\"HX\"", with: "\"id\":\"HX\",\"id\":\"HY\""))\n]",
         "relaties-99.json:2:17: error: REPEATED_FIELD: Relatie HX: id is given twice"),
        ("[\n\(household.dropLast()),\"extra-attributen\":[{\"naam\":\"gemeente\",\"waarde\":\"0344\"},{\"naam\":\"notitie\"},{\"naam\":\"gemeente\",\"waarde\":\"0345\"}]}\n]",
         "relaties-99.json:2:252: error: REPEATED_FIELD: Relatie HX: extra-attribuut gemeente is given twice"),
        ("[\n\(household.dropLast()),\"extra-attributen\":[{\"naam\":\"zoekpunten\",\"waarde\":12}]}\n]",
         "relaties-99.json:2:199: error: WRONG_JSON_TYPE: Relatie HX: extra-attribuut zoekpunten has no waarde as a string"),
        ("[\n{\"id\":\"HZ\",\"relaties\":[{\"geboortedatum\":\"1990-01-01\"}]}\n]",
         "relaties-99.json:2:1: error: MISSING_FIELD: Relatie HZ: has no inschrijving (an overeenkomst of soort INS, whose begindatum is the registration date)"),
        ("[\n{\"id\":\"P01\",\"model\":{\"code\":\"AAN\"},\"begindatum\":\"2026-11-01\",\"einddatum\":\"2026-11-20\",\"eenheden\":[{\"id\":\"E01\"}]}\n]",
         "publicaties-99.json:2:1: error: DUPLICATE_ID: Publicatie P01 is defined twice; first at publicaties-00001.json:2:1"),
        ("[\n{\"id\":\"E9\"} {\"id\":\"E10\"}\n]", "eenheden-99.json:2:13: error: MALFORMED_JSON: expected ',' or ']' between items"),
        ("{\"id\":\"E9\"}", "eenheden-99.json:1:1: error: WRONG_ROOT: a page is a JSON array of VERA objects (the body of a list endpoint)"),
        ("[\n{\"id\":\"E9\",\"kamersAantal\":2", "eenheden-99.json:2:28: error: TRUNCATED: the file ends inside an item (is it cut short?)"),
        ("[\n{\"id\":\"E\u{01}\"}\n]", "eenheden-99.json:2:9: error: MALFORMED_JSON: a control character (U+0001) inside a string; write it as an escape"),
        ("[\n{\"id\":\"\\uD800\"}\n]", "eenheden-99.json:2:8: error: INVALID_ENCODING: a lone surrogate escape (\\uD800-\\uDBFF without its pair)"),
        ("[\n" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "\n]",
         "eenheden-99.json:2:65: error: TOO_DEEP: objects and arrays are nested more than 64 deep"),
        ("[\n{\"id\":01}\n]", "eenheden-99.json:2:7: error: MALFORMED_JSON: a number may not start with 0"),
        ("", "eenheden-99.json:1:1: error: MALFORMED_JSON: the file is empty; a page is a JSON array, [] when it has no items"),
        ("[] x", "eenheden-99.json:1:4: error: MALFORMED_JSON: text after the end of the page"),
    ])
    func located(_ page: String, _ expected: String) throws {
        let file = expected.prefix { $0 != ":" }
        let diagnostics = try Self.diagnostics(String(file), page)
        #expect(diagnostics.contains(expected), "\(diagnostics)")
    }

    @Test("a string longer than 64 KiB and an item larger than 4 MiB are refused")
    func bounds() throws {
        let long = try Self.diagnostics("eenheden-99.json", "[{\"id\":\"" + String(repeating: "a", count: 70_000) + "\"}]")
        #expect(long.contains { $0.contains("VALUE_TOO_LONG: a string of more than 65536 bytes") }, "\(long)")
        let items = String(repeating: "{\"naam\":\"x\",\"waarde\":\"y\"},", count: 200_000)
        let big = try Self.diagnostics("eenheden-99.json", "[{\"id\":\"E9\",\"extra-attributen\":[" + items + "{}]}]")
        #expect(big.contains { $0.contains("VALUE_TOO_LONG: an item of more than 4 MiB") }, "\(big)")
    }

    @Test("invalid UTF-8 and UTF-16 files are refused")
    func encodings() throws {
        let directory = try Self.batch("eenheden-99.json", "")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data([0x5B, 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D, 0x5D]).write(to: directory.appendingPathComponent("eenheden-99.json"))
        try Data([0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00]).write(to: directory.appendingPathComponent("publicaties-99.json"))
        let codes = VERABatchReader.read([directory.path]).errors.map(\.code)
        #expect(codes.filter { $0 == .invalidEncoding }.count == 2, "\(codes)")
    }

    @Test("a byte order mark and an empty page are fine; an unknown file is a warning, a missing batch.json an error")
    func folderShape() throws {
        let directory = try Self.batch("aanbiedingen-99.json", "\u{FEFF}[ ]")
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("notes".utf8).write(to: directory.appendingPathComponent("README.txt"))
        let result = VERABatchReader.read([directory.path])
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.warnings.map(\.code) == [.unknownFile])
        #expect(result.market != nil)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("batch.json"))
        let without = VERABatchReader.read([directory.path])
        #expect(without.market == nil)
        #expect(without.errors.map(\.code).contains(.fileNotFound))
        let none = VERABatchReader.read([directory.appendingPathComponent("missing").path])
        #expect(none.errors.map(\.code) == [.fileNotFound])
    }

    @Test("thuis validate --vera reports with the exit statuses of the XML path")
    func validateCommand() throws {
        let good = try ThuisProcess.run(["validate", "--vera", Fixtures.path("vera/demo-region")])
        #expect(good.exitCode == 0, "\(good.stderr)")
        let directory = try Self.batch("reacties-99.json", "[{\"publicatie\":{\"id\":\"P99\"},\"relaties\":[\"/relaties/H01\"],\"datum\":\"2026-11-02\"}]")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try ThuisProcess.run(["validate", "--vera", directory.path])
        #expect(bad.exitCode == 65)
        #expect(bad.stderr.contains("reacties-99.json:1:2: error: UNKNOWN_ADVERT: "), "\(bad.stderr)")
        let both = try ThuisProcess.run(["validate", Fixtures.demoRegion, "--vera", directory.path])
        #expect(both.exitCode == 64)
    }

    @Test("the last path segment of a Relatie URI, percent-decoded, is the household's id")
    func relatieURIs() {
        func segment(_ s: String) -> String? {
            Array(s.utf8).withUnsafeBytes { VERABatchReader.relatieID(fromURI: $0) }.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(segment("https://wrv.example.nl/v4/relaties/H%2F1?x=1") == "H/1")
        #expect(segment("/relaties/H01") == "H01")
        #expect(segment("H01") == "H01")
        #expect(segment("/relaties/H%zz") == nil)
    }
}

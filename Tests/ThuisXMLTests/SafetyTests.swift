import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisXML

/// Untrusted input: no entity is ever expanded, no file or network is touched, and huge or
/// deep documents are refused quickly with bounded memory.
@Suite struct SafetyTests {
    static let secret = "THUIS-ENTITY-TARGET-CONTENT-7f3a"

    @Test("no content of an entity's target reaches any output", arguments: ["xxe-local-file.xml", "xxe-etc-passwd.xml"])
    func entityTargetNeverLeaks(_ file: String) throws {
        let path = Fixtures.path("invalid/\(file)")
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8))?.split(separator: "\n").first.map(String.init) ?? "root:x:0:0"
        for format in ValidateCommand.Format.allCases {
            var command = ValidateCommand(files: [path])
            command.format = format
            command.skipInvalid = true
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            command.rejectsPath = directory.appendingPathComponent("rejects.csv").path
            let outcome = command.run()
            #expect(outcome.exit == .dataError)
            for text in [outcome.stdout, outcome.stderr] {
                #expect(!text.contains(Self.secret))
                #expect(!text.contains(passwd))
            }
            #expect(!FileManager.default.fileExists(atPath: command.rejectsPath))
        }
    }

    @Test("a DOCTYPE is refused before any entity is declared or expanded")
    func doctypeRefusedEarly() {
        let result = ExportReader.read([Fixtures.path("invalid/billion-laughs.xml")])
        #expect(result.market == nil)
        #expect(result.errors.map(\.code) == [.doctypeRefused])
    }

    @Test("a 50 MB attribute value is refused")
    func hugeAttribute() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge-attribute.xml").path
        var data = Data(#"<?xml version="1.0" encoding="UTF-8"?>\#n<Woonruimteverdeling versie="1.0" peildatum="2026-11-25" regio=""#.utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: 50 << 20))
        data.append(Data("\">\n</Woonruimteverdeling>\n".utf8))
        try data.write(to: URL(fileURLWithPath: path))
        let result = ExportReader.read([path])
        #expect(result.market == nil)
        #expect(result.errors.first?.code == .valueTooLong)
        #expect(result.errors.first?.location?.line == 2)
    }

    @Test("an attribute over 64 KiB is refused like a field element's text, at its element")
    func longAttribute() throws {
        let text = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
            .replacingOccurrences(of: #"<Relatie id="H01""#, with: "<Relatie id=\"H01" + String(repeating: "x", count: 70_000) + "\"")
        let result = ExportReader.read(document: text)
        #expect(result.market == nil)
        let error = try #require(result.errors.first { $0.code == .valueTooLong })
        #expect(error.message == "attribute id is longer than 65536 bytes")
        let tag = try #require(text.range(of: #"<Relatie id="H01"#))
        #expect(error.location?.line == text[..<tag.lowerBound].filter { $0 == "\n" }.count + 1)
    }

    @Test("an element with 200,000 attributes is refused before libxml2 reads it")
    func manyAttributes() throws {
        let attributes = (0..<200_000).map { "a\($0)=\"\"" }.joined(separator: " ")
        let text = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
            .replacingOccurrences(of: #"<Relatie id="H01""#, with: "<Relatie " + attributes + #" id="H01""#)
        let result = ExportReader.read(document: text)
        #expect(result.market == nil)
        // Refused by Thuis's own scan, not by libxml2 (whose pairwise check takes half a minute).
        let error = try #require(result.errors.first { $0.code == .valueTooLong })
        #expect(error.message.hasPrefix("more than 80 KiB without markup from here"))
    }

    @Test("a 50 MB field element is refused")
    func hugeFieldText() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge-text.xml").path
        var data = Data("<?xml version=\"1.0\"?>\n<Woonruimteverdeling versie=\"1.0\" peildatum=\"2026-11-25\" regio=\"T\">\n<Eenheid>\n<id>".utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: 50 << 20))
        data.append(Data("</id>\n</Eenheid>\n</Woonruimteverdeling>\n".utf8))
        try data.write(to: URL(fileURLWithPath: path))
        let result = ExportReader.read([path])
        #expect(result.market == nil)
        #expect(result.errors.first?.code == .valueTooLong)
        #expect(result.errors.first?.location?.line == 4)
    }

    @Test("a missing file exits 66")
    func missingFile() {
        let outcome = ValidateCommand(files: ["/nonexistent/export.xml"]).run()
        #expect(outcome.exit == .noInput)
        #expect(outcome.stderr.hasPrefix("/nonexistent/export.xml:0:0: error: FILE_NOT_FOUND: "))
    }
}

import Testing
import ThuisTestSupport

/// VERA ids are held to the rule of the XML export: printable UTF-8 of at most 256 bytes.
@Suite struct VERAIDTests {
    @Test("VERA ids with control characters or noncharacters are refused at the JSON value",
          arguments: [
            (#"{"publicatie":{"id":"P01\u001b[2J"},"relaties":["/relaties/H01"],"datum":"2026-11-02"}"#,
             "INVALID_VALUE", "publicatie.id holds a control character (U+001B) at byte 4"),
            (#"{"publicatie":{"id":"P01"},"relaties":["/relaties/H01%EF%BF%BF"],"datum":"2026-11-02"}"#,
             "INVALID_VALUE", "the Relatie's id in relaties[0] holds a noncharacter (U+FFFF) at byte 4"),
            (#"{"publicatie":{"id":"P01"},"relaties":["/relaties/H01%FF"],"datum":"2026-11-02"}"#,
             "INVALID_ENCODING", "the Relatie's id in relaties[0] is not valid UTF-8"),
          ])
    func veraIDs(_ reaction: String, _ code: String, _ message: String) throws {
        let lines = try VERADiagnosticTests.diagnostics("reacties-99.json", "[\n\(reaction)\n]")
        let first = try #require(lines.first { $0.contains(": error: ") })
        #expect(first.hasPrefix("reacties-99.json:2:"), "\(first)")
        #expect(first.contains("error: \(code): "), "\(first)")
        #expect(first.contains(message), "\(first)")
    }
}

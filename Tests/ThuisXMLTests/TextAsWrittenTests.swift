import Foundation
import Testing
import ThuisCore
import ThuisTestSupport
import ThuisVERA
import ThuisXML

/// Values are read as the document means them: references decoded as an XML parser must, and
/// ids that no output could carry refused where they stand.
@Suite struct TextAsWrittenTests {
    /// The demo with POR written five ways: two attributes with references that give `&`, one
    /// plain attribute, one element with `&amp;`, one with a character reference.
    static func ampersands() throws -> String {
        var xml = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        xml = xml.replacingOccurrences(of: "<corporatie>POR</corporatie>", with: "<corporatie>W&amp;Z</corporatie>")
        let forms = ["W&amp;Z", "W&#38;Z"]
        for form in forms {
            let range = try #require(xml.range(of: "corporatie=\"POR\""))
            xml.replaceSubrange(range, with: "corporatie=\"\(form)\"")
        }
        return xml.replacingOccurrences(of: "corporatie=\"JUT\"", with: "corporatie=\"J&#x26;T&lt;\"")
    }

    @Test("W&amp;Z in an attribute and in an element is one corporation, W&Z")
    func ampersandInAttributes() throws {
        let result = ExportReader.read(document: try Self.ampersands())
        #expect(result.errors.isEmpty)
        let market = try #require(result.market)
        let names = (0..<market.corporations.count).map { market.corporations[$0] }.sorted()
        #expect(names == ["J&T<", "JUT", "MIT", "VIV", "W&Z"])
    }

    @Test("the XML export and its VERA twin give the same corporation for W&Z")
    func sameOnBothPaths() throws {
        let folder = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("vera/demo-region")) where file != "manifest.sha256" {
            var text = try String(contentsOfFile: Fixtures.path("vera/demo-region/\(file)"), encoding: .utf8)
            text = text.replacingOccurrences(of: "\"idOrganisatie\":\"POR\"", with: "\"idOrganisatie\":\"W\\u0026Z\"")
            try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let vera = try #require(VERABatchReader.read([folder.path]).market)
        let xml = try #require(ExportReader.read(document: try Self.ampersands()).market)
        let veraNames = Set((0..<vera.corporations.count).map { vera.corporations[$0] })
        #expect(veraNames.contains("W&Z"))
        let e04 = Int(try #require(xml.dwellings.ids.index(of: "E04")))
        let v04 = Int(try #require(vera.dwellings.ids.index(of: "E04")))
        #expect(xml.corporations[Int(xml.dwellings.corporation[e04])] == vera.corporations[Int(vera.dwellings.corporation[v04])])
    }

    @Test("an id too long, or with a character an output cannot carry, is refused at its place",
          arguments: [
            ("H" + String(repeating: "x", count: 256), "VALUE_TOO_LONG", "id is 257 bytes long; an id has at most 256"),
            ("H&#x85;1", "INVALID_VALUE", "id holds a control character (U+0085) at byte 2"),
            ("H&#x202E;1", "INVALID_VALUE", "id holds a bidirectional control (U+202E) at byte 2"),
            ("H&#xFDD0;1", "INVALID_VALUE", "id holds a noncharacter (U+FDD0) at byte 2"),
            ("H&#x2028;1", "INVALID_VALUE", "id holds a line separator (U+2028) at byte 2"),
          ])
    func refusedIDs(_ id: String, _ code: String, _ message: String) throws {
        var xml = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        xml = xml.replacingOccurrences(of: "<Relatie id=\"H07\"", with: "<Relatie id=\"\(id)\"")
        let result = ExportReader.read(document: xml)
        #expect(result.market == nil)
        let first = try #require(result.errors.first)
        #expect(first.code.rawValue == code)
        #expect(first.message.contains(message), "\(first.message)")
        let record = try #require(xml.range(of: "<Relatie id=\"\(id)\""))
        let line = xml[..<record.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(first.location?.line == line)
        // The message never repeats the refused bytes.
        #expect(!first.description.unicodeScalars.contains { $0.value == 0x85 || $0.value == 0x202E || $0.value == 0x2028 })
    }

    @Test("an id of exactly 256 bytes is read")
    func longestID() throws {
        let id = "H" + String(repeating: "x", count: 255)
        var xml = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        xml = xml.replacingOccurrences(of: "\"H07\"", with: "\"\(id)\"")
        let market = try #require(ExportReader.read(document: xml).market)
        #expect(market.households.ids.index(of: id) != nil)
    }
}

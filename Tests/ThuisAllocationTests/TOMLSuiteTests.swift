import Foundation
import Testing
import ThuisCore
@testable import ThuisPolicyFile
import ThuisTestSupport

/// The policy reader against the official toml-test suite for TOML 1.0 (MIT, vendored in
/// `Fixtures/toml-test/` with its licence): every invalid document refused with a located error,
/// every valid one read to the expected values or refused as an unsupported feature.
@Suite struct TOMLSuiteTests {
    static let root = Fixtures.root.appendingPathComponent("Fixtures/toml-test")
    static let files: [String] = {
        let list = (try? String(contentsOf: root.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)) ?? ""
        return list.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".toml") }
    }()

    /// Lone carriage returns end a line in policy files (a file saved with old Mac line ends must
    /// not read as one comment); TOML 1.0 calls them invalid. The one deliberate difference.
    static let carriageReturns: Set<String> = ["invalid/control/bare-cr.toml", "invalid/control/comment-cr.toml"]

    /// What policy files do not support, with the message that says so.
    static let unsupported = ["date-times and times are not supported in policy files"]

    /// Reads a case as `PolicyFile.load` reads a file: UTF-8 first.
    static func parse(_ file: String) -> Result<TOMLTable, TOMLSyntaxError> {
        let data = FileManager.default.contents(atPath: root.appendingPathComponent("tests/" + file).path) ?? Data()
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(TOMLSyntaxError(message: "not UTF-8", position: TOMLPosition(line: 1, column: 1)))
        }
        do { return .success(try TOMLParser.parse(text)) } catch { return .failure(error) }
    }

    @Test("the suite is here: 499 invalid and 210 valid documents")
    func vendored() {
        #expect(Self.files.filter { $0.hasPrefix("invalid/") }.count == 499)
        #expect(Self.files.filter { $0.hasPrefix("valid/") }.count == 210)
    }

    @Test("every invalid document is refused, at a line and column")
    func invalid() {
        for file in Self.files where file.hasPrefix("invalid/") && !Self.carriageReturns.contains(file) {
            switch Self.parse(file) {
            case .success: Issue.record("accepted \(file)")
            case .failure(let error): #expect(error.position.line >= 1 && error.position.column >= 1, "\(file)")
            }
        }
    }

    @Test("every valid document reads to the suite's values, or is refused as an unsupported feature")
    func valid() throws {
        var refused = 0
        for file in Self.files where file.hasPrefix("valid/") {
            switch Self.parse(file) {
            case .failure(let error):
                refused += 1
                #expect(Self.unsupported.contains { error.message.contains($0) }, "\(file): \(error.message)")
            case .success(let table):
                let expected = try #require(FileManager.default.contents(atPath: Self.root.appendingPathComponent("tests/" + file.dropLast(5) + ".json").path))
                let json = try JSONSerialization.jsonObject(with: expected)
                #expect(Self.same(.table(table), json), "\(file)")
            }
        }
        #expect(refused == 16)   // date-times and times only
    }

    /// Whether a parsed value is the suite's tagged JSON value.
    static func same(_ value: TOMLNode.Value, _ json: Any) -> Bool {
        switch value {
        case .table(let table):
            guard let object = json as? [String: Any], object.count == table.entries.count else { return false }
            return table.entries.allSatisfy { entry in object[entry.key].map { same(entry.node.value, $0) } ?? false }
        case .array(let items):
            guard let array = json as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { same($0.value, $1) }
        default:
            guard let tagged = json as? [String: String], let type = tagged["type"], let text = tagged["value"] else { return false }
            switch value {
            case .string(let s): return type == "string" && s == text
            case .integer(let n): return type == "integer" && Int64(text) == n
            case .bool(let b): return type == "bool" && text == (b ? "true" : "false")
            case .date(let d): return type == "date-local" && d.description == text
            case .float(let d):
                guard type == "float" else { return false }
                if d.isNaN { return text.hasSuffix("nan") }
                if d.isInfinite { return text == (d > 0 ? "inf" : "-inf") || (d > 0 && text == "+inf") }
                return Double(text) == d
            default: return false
            }
        }
    }
}

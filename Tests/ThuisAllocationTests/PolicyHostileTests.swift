import Foundation
import Testing
import ThuisCore
import ThuisPolicyFile
import ThuisTestSupport

/// Policy files edited by hand, or made to hurt: a located error or a correct reading, quickly,
/// never a crash.
@Suite struct PolicyHostileTests {
    static func problems(_ text: String) -> [Diagnostic] {
        switch PolicyFile.parse(text, file: "p.toml") {
        case .success: return []
        case .failure(let problems): return problems.diagnostics
        }
    }

    static func first(_ text: String) -> String {
        problems(text).first.map { "\($0)" } ?? "accepted"
    }

    @Test("deep nesting and long keys are located errors, not a stack overflow")
    func depth() {
        let arrays = "x = " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "\n"
        #expect(Self.first(arrays).hasPrefix("p.toml:1:"))
        #expect(Self.first(arrays).contains("POLICY_SYNTAX: arrays and inline tables nest deeper than 32 levels"))
        let tables = "x = " + String(repeating: "{a = ", count: 30_000) + "1" + String(repeating: "}", count: 30_000) + "\n"
        #expect(Self.first(tables).contains("nest deeper than 32 levels"))
        let dotted = (0..<20_000).map { "k\($0)" }.joined(separator: ".") + " = 1\n"
        #expect(Self.first(dotted) == "p.toml:1:1: error: POLICY_SYNTAX: a key of more than 32 parts")
        let header = "[" + (0..<20_000).map { "t\($0)" }.joined(separator: ".") + "]\n"
        #expect(Self.first(header).contains("a key of more than 32 parts"))
    }

    @Test("CR, LF and CRLF end lines alike: a file saved with CR only is read, not taken as one comment")
    func lineEnds() {
        let lines = ["# a policy", "name = \"cr\"", "mechanism = \"bogus\""]
        for end in ["\r", "\n", "\r\n"] {
            #expect(Self.first(lines.joined(separator: end) + end)
                    == "p.toml:3:13: error: INVALID_VALUE: mechanism = \"bogus\" is not one of \"da\", \"sequential\"", "\(end.debugDescription)")
        }
    }

    @Test("a table of 100,000 keys (20,000 in debug), under a header, dotted, or in an array of tables, is read whole and in order",
          .timeLimit(.minutes(3)), arguments: ["[t]\n", "", "[[t]]\n"])
    func wideTables(_ header: String) throws {
        // 100,000 in the release step; 20,000 in a debug `swift test` (a copy per insert took 19 s).
        let n = PropertyRuns.full ? 100_000 : 20_000
        let prefix = header.isEmpty ? "t." : ""
        let text = header + (0..<n).map { "\(prefix)k\($0) = \($0)" }.joined(separator: "\n") + "\n"
        let clock = ContinuousClock(), start = clock.now
        let root = try TOMLParser.parse(text)
        let elapsed = clock.now - start
        var table: TOMLTable?
        switch root["t"]?.node.value {
        case .table(let t)?: table = t
        case .array(let items)?: if case .table(let t)? = items.last?.value { table = t }
        default: break
        }
        let t = try #require(table)
        #expect(t.entries.count == n)
        #expect(t.entries.last?.key == "k\(n - 1)")
        let middle = n / 2 + 321
        if case .integer(let v)? = t["k\(middle)"]?.node.value { #expect(v == Int64(middle)) } else { Issue.record("k\(middle) missing") }
        // Linear: a copy per insert took 19 s for 20,000 keys; the release benchmark reads these in
        // well under a second. A debug build is slower, but never minutes.
        #expect(elapsed < .seconds(30), "\(elapsed)")
    }

    @Test("ten thousand keys in a table are each reported; a thousand [[quotas]] at most")
    func size() throws {
        let keys = (0..<10_000).map { "k\($0) = 1" }.joined(separator: "\n") + "\n"
        let problems = Self.problems(keys)
        #expect(problems.count == 10_000)
        #expect(problems.allSatisfy { $0.code == .unknownKey })
        let quotas = String(repeating: "[[quotas]]\nname = \"q\"\n", count: 1_001)
        #expect(Self.problems(quotas).contains { "\($0)".contains("more than 1000 [[quotas]] tables") })
    }
}

import Foundation
import Testing
import ThuisCore
import ThuisReports
import ThuisTestSupport

/// Ids that a spreadsheet would run as a formula are written inert in every CSV output, and
/// Thuis's own readers give back the id as it was.
@Suite(.timeLimit(.minutes(2))) struct FormulaGuardTests {
    /// The demo with ids that start formulas: a household, an advert, a corporation.
    static let renames = [
        ("\"H03\"", "\"=HYPERLINK(1)\""),
        ("\"P01\"", "\"+cmd|' /C calc'!A0\""),
        ("\"H09\"", "\"@SUM(1)\""),
        ("\"H05\"", "\"'=x\""),
        ("\"MIT\"", "\"-MIT\""),
    ]

    @Test("a cell is guarded when a spreadsheet would run it, and read back as written",
          arguments: ["=1+1", "+cmd", "-x", "@SUM(A1)", "\tx", "\r=x", "'=x", "''@y"])
    func guardRoundTrip(_ value: String) throws {
        let cell = CSVText.field(value)
        #expect(cell.hasPrefix("'") || cell.hasPrefix("\"'"), "\(cell)")
        let read = try CSVReader.records(Array((cell + "\n").utf8), file: "t.csv")
        #expect(read.first?.first?.text == value)
    }

    @Test("numbers, plain text and lone quotes are written as they are", arguments: ["-2.04", "+3", "-17", "H05", "'quoted", "it's", ""])
    func unguarded(_ value: String) throws {
        #expect(CSVText.field(value) == value)
        let read = try CSVReader.records(Array((value + ",x\n").utf8), file: "t.csv")
        #expect(read.first?.first?.text == value)
    }

    @Test("allocate writes no cell that starts a formula; verify and explain read the ids back")
    func allocateGuards() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var xml = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        for (from, to) in Self.renames { xml = xml.replacingOccurrences(of: from, with: to) }
        xml = xml.replacingOccurrences(of: "<corporatie>MIT</corporatie>", with: "<corporatie>-MIT</corporatie>")
        let export = directory.appendingPathComponent("export.xml")
        try xml.write(to: export, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let run = try ThuisProcess.run(["allocate", "--no-ledger", "--export", export.path,
                                        "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"), "--out", out.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) where name.hasSuffix(".csv") {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                    let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                    if let first = bare.first, "=+@".contains(first) { Issue.record("\(name): \(line)") }
                    if bare.hasPrefix("-") && Double(bare) == nil { Issue.record("\(name): \(line)") }
                }
            }
        }
        let allocations = try String(contentsOf: out.appendingPathComponent("allocations.csv"), encoding: .utf8)
        #expect(allocations.contains("\n'+cmd|' /C calc'!A0,'=HYPERLINK(1),1,"))
        let verify = try ThuisProcess.run(["verify", out.path])
        #expect(verify.exitCode == 0, "\(verify.stderr)")
        let explain = try ThuisProcess.run(["explain", "--out", out.path, "--household", "=HYPERLINK(1)"])
        #expect(explain.exitCode == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("=HYPERLINK(1)") && !explain.stdout.contains("'=HYPERLINK"))
    }
}

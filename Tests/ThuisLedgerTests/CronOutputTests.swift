import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// What a cron job reads: one line with --quiet, JSON with --format json.
@Suite(.timeLimit(.minutes(3))) struct CronOutputTests {
    @Test("--quiet prints one line that shows a floor's shortfall and a superseded batch; --format json says the same for scripts")
    func oneLineAndJSON() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.toml")
        let text = try String(contentsOfFile: Fixtures.path("policies/wachttijd-met-quotum.toml"), encoding: .utf8)
        try text.replacingOccurrences(of: "share = 0.30", with: "share = 0.95").write(to: policy, atomically: true, encoding: .utf8)
        let ledger = directory.appendingPathComponent("thuis.sqlite").path
        func run(_ arguments: [String]) throws -> ThuisProcess.Result {
            try ThuisProcess.run(["allocate", "--export", Fixtures.demoRegion, "--policy", policy.path, "--ledger", ledger] + arguments)
        }
        let first = try run(["--quiet", "--create-ledger", "--batch-id", "night", "--out", directory.appendingPathComponent("a").path])
        #expect(first.exitCode == 0)
        #expect(first.stdout.split(separator: "\n").count == 1)
        #expect(first.stdout.hasPrefix("batch night recorded: 16 of 16 adverts offered; floors short: aandachtsgroepen "))
        #expect(first.stdout.hasSuffix("; ledger \(ledger) (new)\n"))
        #expect(first.stderr.isEmpty)

        let second = try run(["--format", "json", "--batch-id", "again", "--supersede", "night", "--out", directory.appendingPathComponent("b").path])
        #expect(second.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(json["state"] as? String == "recorded")
        #expect(json["batch"] as? String == "again")
        #expect(json["superseded"] as? String == "night")
        #expect(json["withdrawnOffers"] as? Int == 16)
        #expect(json["lettings"] as? Int == 16)
        #expect((json["floorsShort"] as? [[String: Any]])?.isEmpty == false)
        #expect(json["ledger"] as? String == ledger)

        // A rerun names the folder that holds the recorded result, wherever this run pointed.
        let elsewhere = try run(["--quiet", "--batch-id", "again", "--supersede", "night", "--out", directory.appendingPathComponent("c").path])
        #expect(elsewhere.stdout == "batch again already recorded: 16 of 16 adverts offered; open offers: 16; result in \(directory.appendingPathComponent("b").path); ledger \(ledger)\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c").path))
    }
}

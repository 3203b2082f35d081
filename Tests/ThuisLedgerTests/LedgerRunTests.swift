import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisLedger
import ThuisTestSupport

/// `thuis allocate` with a ledger: recorded once, reruns change nothing, conflicts refused.
@Suite(.timeLimit(.minutes(3))) struct LedgerRunTests {
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")

    static func command(_ directory: URL, seed: UInt64? = nil) -> AllocateCommand {
        var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: policy,
                                      outPath: directory.appendingPathComponent("out").path)
        command.ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        command.createLedger = true
        command.seed = seed
        return command
    }

    static func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    @Test("a batch is recorded once; rerunning it prints the recorded result and changes nothing")
    func rerunIsNoOp() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = Self.command(directory).run()
        #expect(first.exit == .ok)
        #expect(first.stdout.contains("Recorded batch 2026-11-25-"))
        let out = directory.appendingPathComponent("out")
        let before = try Self.files(out)
        let second = Self.command(directory).run()
        #expect(second.exit == .ok)
        #expect(second.stdout.contains("was already recorded"))
        #expect(second.stdout.contains("16 of 16 adverts let"))
        #expect(try Self.files(out) == before)
        let ledger = try Ledger(path: directory.appendingPathComponent("thuis.sqlite").path)
        #expect(try ledger.read { try $0.batchIDs() }.count == 1)
        #expect(try ledger.integrityCheck() == "ok")
    }

    @Test("the same batch id with other input is refused, and nothing changes")
    func conflict() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.command(directory).run().exit == .ok)
        let before = try Self.files(directory.appendingPathComponent("out"))
        let other = Self.command(directory, seed: 99).run()
        #expect(other.exit == .dataError)
        #expect(other.stderr.contains("error: BATCH_ID_CONFLICT:"))
        #expect(other.stderr.contains("seed 20261125, now 99"))
        #expect(try Self.files(directory.appendingPathComponent("out")) == before)
    }

    @Test("--dry-run writes the outputs and records nothing")
    func dryRun() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var night = Self.command(directory)
        night.batchID = "night"
        #expect(night.run().exit == .ok)
        // What the night would have given with another seed: the same adverts, so it replaces the night.
        var command = Self.command(directory, seed: 5)
        command.batchID = "what-if"
        command.supersede = "night"
        command.dryRun = true
        command.outPath = directory.appendingPathComponent("dry").path
        let outcome = command.run()
        #expect(outcome.exit == .ok)
        #expect(outcome.stdout.contains("Dry run: nothing recorded"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("dry/summary.json").path))
        let ledger = try Ledger(path: directory.appendingPathComponent("thuis.sqlite").path)
        #expect(try ledger.read { try $0.batchIDs() }.count == 1)
    }

    @Test("outcomes recorded as CSV count: accepted as lettings, refusals per household; all or nothing")
    func outcomes() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Self.command(directory).run().exit == .ok)
        let ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        let bad = directory.appendingPathComponent("bad.csv")
        try "advert_id,household_id,status,detail_status,date\nP02,H09,TOE,,2026-11-30\nP02,H99,GEW,,2026-11-30\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = RecordOutcomesCommand(file: bad.path, ledgerPath: ledgerPath).run()
        #expect(refused.exit == .dataError)
        #expect(refused.stderr.contains("\(bad.path):3:1: error: UNKNOWN_ADVERT: "))
        let good = directory.appendingPathComponent("good.csv")
        try "advert_id,household_id,status,detail_status,date\nP02,H09,TOE,,2026-11-30\nP03,H19,GEW,LIG,2026-11-30\nP05,H14,ING,,2026-11-30\n"
            .write(to: good, atomically: true, encoding: .utf8)
        #expect(RecordOutcomesCommand(file: good.path, ledgerPath: ledgerPath).run().exit == .ok)
        let ledger = try Ledger(path: ledgerPath)
        #expect(try ledger.read { try $0.refusals() } == ["H19": 1])
        var report = ReportCommand(ledgerPath: ledgerPath, period: "2026")
        report.format = .csv
        let csv = report.run()
        #expect(csv.exit == .ok)
        let region = try #require(csv.stdout.split(separator: "\n").first { $0.hasPrefix("region,") })
        // offers, accepted, open, refused, withdrawn
        #expect(region.hasPrefix("region,16,1,13,1,1,"))
    }
}

/// Consequences of refusals, as the policy decides them.
@Suite(.timeLimit(.minutes(3))) struct RefusalTests {
    @Test("after a refused offer, the household's urgency lapses when the policy says so")
    func urgencyLapses() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.toml").path
        let text = try String(contentsOfFile: Fixtures.path("policies/een-thuis-voor-iedereen.toml"), encoding: .utf8)
        try (text + "\n[refusals]\nurgency_lapses_after = 1\n").write(toFile: policy, atomically: true, encoding: .utf8)
        let ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        func run(_ export: String, _ batch: String, superseding: String? = nil) -> CommandOutcome {
            var command = AllocateCommand(exports: [export], policyPath: policy, outPath: directory.appendingPathComponent("out-\(batch)").path)
            command.ledgerPath = ledgerPath
            command.createLedger = true
            command.batchID = batch
            command.supersede = superseding
            return command.run()
        }
        #expect(run(Fixtures.demoRegion, "first").exit == .ok)
        let answers = directory.appendingPathComponent("answers.csv")
        try "advert_id,household_id,status,detail_status,date\nP05,H14,GEW,LIG,2026-11-26\n".write(to: answers, atomically: true, encoding: .utf8)
        #expect(RecordOutcomesCommand(file: answers.path, ledgerPath: ledgerPath).run().exit == .ok)
        // The same dwellings come back (the demo, compressed), replacing the first batch's open
        // offers: H14 no longer ranks as urgent.
        #expect(run(Fixtures.path("exports/demo-region.xml.gz"), "second", superseding: "first").exit == .ok)
        let summary = try String(contentsOf: directory.appendingPathComponent("out-second/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"lapsedPriorities\" : [\n    \"H14\"\n  ]"))
        let allocations = try String(contentsOf: directory.appendingPathComponent("out-second/allocations.csv"), encoding: .utf8)
        #expect(!allocations.contains("P05,H14,"))
        let explained = try ThuisProcess.run(["explain", "--out", directory.appendingPathComponent("out-second").path, "--household", "H14"])
        #expect(explained.exitCode == 0)
    }
}

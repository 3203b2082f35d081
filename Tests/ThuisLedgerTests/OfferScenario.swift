import Foundation
import ThuisCommands
import ThuisCore
import ThuisLedger
import ThuisReports
import ThuisTestSupport

/// A ledger in a temporary folder with the runs an operator makes on it: generated nights,
/// allocations, answers, expiries; and what the ledger and the folders then hold.
struct OfferScenario {
    let directory = Fixtures.temporaryDirectory()
    var ledgerPath: String { directory.appendingPathComponent("thuis.sqlite").path }
    let policy: String

    /// A scenario under the nightly week's policy with `offers` (TOML lines) as its `[offers]` table.
    init(offers: String = "") throws {
        let text = try String(contentsOfFile: Fixtures.path("policies/nightly-week.toml"), encoding: .utf8)
        policy = directory.appendingPathComponent("policy.toml").path
        try (text + (offers.isEmpty ? "" : "\n[offers]\n\(offers)\n")).write(toFile: policy, atomically: true, encoding: .utf8)
        _ = LedgerInitCommand(ledgerPath: ledgerPath).run()
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A generated night: `scale` of the nightly profile, its adverts named `N<day>-`.
    func night(_ day: Day, seed: UInt64, scale: Double = 0.05) -> String {
        let export = path("night-\(day).xml")
        var generate = GenerateCommand(profile: .nightly, seed: seed, outPath: export)
        generate.scale = scale
        generate.quiet = true
        generate.referenceDate = day
        generate.advertPrefix = "N\(day.description.replacingOccurrences(of: "-", with: ""))-"
        _ = generate.run()
        return export
    }

    func allocate(_ exports: [String], out: String, supersede: String? = nil, batchID: String? = nil, dryRun: Bool = false,
                  candidates: CandidatesContent = .all) -> CommandOutcome {
        var command = AllocateCommand(exports: exports, policyPath: policy, outPath: path(out))
        command.candidates = candidates
        command.ledgerPath = ledgerPath
        command.batchID = batchID
        command.supersede = supersede
        command.dryRun = dryRun
        command.oneLine = true
        return command.run()
    }

    /// The batch id a successful run's one line names.
    static func batch(_ outcome: CommandOutcome) -> String {
        String(outcome.stdout.split(separator: " ")[1])
    }

    /// Records answers (advert, household, status, detail, date) as a CSV file would bring them.
    func answer(_ answers: [(String, String, String, String, String)], correct: Bool = false) throws -> CommandOutcome {
        let file = directory.appendingPathComponent("answers-\(UUID().uuidString).csv")
        let text = "advert_id,household_id,status,detail_status,date\n" + answers.map { "\($0.0),\($0.1),\($0.2),\($0.3),\($0.4)\n" }.joined()
        try text.write(to: file, atomically: true, encoding: .utf8)
        var command = RecordOutcomesCommand(file: file.path, ledgerPath: ledgerPath)
        command.correct = correct
        return command.run()
    }

    /// The lettings of a folder's allocations.csv: advert to household.
    func lettings(_ out: String) throws -> [(advert: String, household: String)] {
        try String(contentsOfFile: path(out + "/allocations.csv"), encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return f[1].isEmpty ? nil : (String(f[0]), String(f[1]))
        }
    }

    /// The candidates.csv rows of a folder, each as its fields, keyed by advert and household.
    func candidates(_ out: String) throws -> [String: [String]] {
        var rows: [String: [String]] = [:]
        for line in try String(contentsOfFile: path(out + "/candidates.csv"), encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[f[0] + " " + f[1]] = f
        }
        return rows
    }

    /// Every offer the ledger holds, in the order made.
    func offers() throws -> [RecordedOffer] {
        try Ledger(path: ledgerPath).read { try $0.offers(from: "0001-01-01", until: "9999-12-31") }
    }

    func verify(_ out: String) -> CommandOutcome {
        var command = VerifyCommand(outPath: path(out))
        command.ledgerPath = ledgerPath
        // All of them: a letting edited by hand can break a claim at every row of its advert.
        command.limit = .max
        return command.run()
    }
}

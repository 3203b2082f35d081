import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisGenerator
import ThuisTestSupport

/// The README's week of nightly runs (nights 23 to 29 of November 2026, every seventh answer a
/// refusal) in a ledger, with the stock and programme `thuis generate` writes for the region
/// profile: the inputs of the monitor's tests, made once.
struct NightlyWeek: Sendable {
    let directory: URL
    var ledger: String { directory.appendingPathComponent("thuis.sqlite").path }
    var stock: String { directory.appendingPathComponent("stock.csv").path }
    var programme: String { directory.appendingPathComponent("programme.csv").path }
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")
    static let days = 23...29

    func allocations(_ day: Int) -> URL { directory.appendingPathComponent("out-\(day)/allocations.csv") }
    func answers(_ day: Int) -> URL { directory.appendingPathComponent("answers-\(day).csv") }

    static let shared: Result<NightlyWeek, NightlyWeekFailure> = {
        do { return .success(try NightlyWeek()) } catch { return .failure(NightlyWeekFailure(description: "\(error)")) }
    }()

    private init() throws {
        directory = Fixtures.temporaryDirectory()
        guard LedgerInitCommand(ledgerPath: directory.appendingPathComponent("thuis.sqlite").path).run().exit == .ok else {
            throw NightlyWeekFailure(description: "ledger init failed")
        }
        var inputs = GenerateCommand(profile: .region, seed: 1, outPath: nil)
        inputs.stockPath = stock
        inputs.programmePath = programme
        try check(inputs.run())
        for day in Self.days {
            let export = directory.appendingPathComponent("night-\(day).xml").path
            var generate = GenerateCommand(profile: .nightly, seed: UInt64(day), outPath: export)
            generate.scale = 0.25
            generate.quiet = true
            generate.referenceDate = Day(iso: "2026-11-\(day)")
            generate.advertPrefix = "N\(day)-"
            try check(generate.run())
            var allocate = AllocateCommand(exports: [export], policyPath: Self.policy, outPath: directory.appendingPathComponent("out-\(day)").path)
            allocate.ledgerPath = ledger
            try check(allocate.run())
            var answers = "advert_id,household_id,status,detail_status,date\n"
            for (i, line) in try String(contentsOf: allocations(day), encoding: .utf8).split(separator: "\n").enumerated() where i > 0 {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields[1] != "" else { continue }
                answers += "\(fields[0]),\(fields[1]),\((i + 1) % 7 == 0 ? "GEW,LIG" : "TOE,"),2026-11-\(day)\n"
            }
            try answers.write(to: self.answers(day), atomically: true, encoding: .utf8)
            try check(RecordOutcomesCommand(file: self.answers(day).path, ledgerPath: ledger).run())
        }
    }

    private func check(_ outcome: CommandOutcome) throws {
        guard outcome.exit == .ok else { throw NightlyWeekFailure(description: outcome.stderr) }
    }

    /// `thuis monitor` on the week with `arguments` added.
    func monitor(_ configure: (inout MonitorCommand) -> Void = { _ in }) -> CommandOutcome {
        var command = MonitorCommand(ledgerPath: ledger, period: "2026", stockPath: stock)
        command.programmePath = programme
        command.policyPath = Self.policy
        configure(&command)
        return command.run()
    }
}

struct NightlyWeekFailure: Error, CustomStringConvertible {
    var description: String
}

import ArgumentParser
import ThuisCommands

extension ReportCommand.Format: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What the ledger holds for a period: lettings per group, legal shares, quotas, refusals.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "A year (2026) or half-year (2026-H1, 2026-H2).")
    var period: String

    @Option(help: "The policy, for quota targets and legal minimums.")
    var policy: String?

    @Option(help: "table, csv or json.")
    var format: ReportCommand.Format = .table

    func run() throws {
        var command = ReportCommand(ledgerPath: ledger.ledger, period: period)
        command.policyPath = policy
        command.format = format
        try command.runAndReport()
    }
}

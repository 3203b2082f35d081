import ArgumentParser
import ThuisCommands
import ThuisCore
import ThuisReports

extension MonitorCommand.Format: ExpressibleByArgument {}
extension FairShare.Key: ExpressibleByArgument {}
extension MonitorCommand.Level: ExpressibleByArgument {}

struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The programme's three 30% norms and each municipality's fair share of aandachtsgroepen.",
        discussion: """
            Per municipality of the region (those of the stock file): social rental in the stock against 30%; \
            social rental in the building programme against 30% and against the share needed to reach 30% of \
            the stock by --target-year; accepted lettings to the group against the policy's floor; and the \
            municipality's part of the region's lettings to the group against its part of the key. \
            Documentation/monitor.md describes the input files and every output column.
            """)

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "A year (2026) or half-year (2026-H1, 2026-H2).")
    var period: String

    @Option(help: "Dwellings per municipality: CBS 82900NED as exported, or gemeente,jaar,woningen,sociale_huur.")
    var stock: String

    @Option(help: "The building programme: gemeente,jaar,woningen,sociale_huur[,plan].")
    var programme: String?

    @Option(help: "The policy the batches ran under, for the lettings floor (the programme's 30% without it).")
    var policy: String?

    @Option(help: "The group the lettings norm and the fair share count.")
    var group = "aandachtsgroepen"

    @Option(help: "Share the group's lettings by: stock (social rental stock), population or lettings.")
    var key: FairShare.Key = .stock

    @Option(help: "The programme counts the years from the period's through this one, by whose end the stock is to reach 30% (default 2030).")
    var targetYear: Int?

    @Option(help: "The areas within each municipality the spread of the group's lettings is measured over: wijk or buurt.")
    var within: MonitorCommand.Level = .wijk

    @Option(help: "table, csv (tidy) or json.")
    var format: MonitorCommand.Format = .table

    @Option(help: "Also write a self-contained HTML page.")
    var html: String?

    @Option(help: "The page's language: nl (default) or en.")
    var lang: LetterLanguage = .nl

    func run() throws {
        var command = MonitorCommand(ledgerPath: ledger.ledger, period: period, stockPath: stock)
        command.programmePath = programme
        command.policyPath = policy
        command.group = group
        command.key = key
        command.targetYear = targetYear
        command.format = format
        command.within = within
        command.htmlPath = html
        command.language = lang
        try command.runAndReport()
    }
}

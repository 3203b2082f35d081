import ArgumentParser
import ThuisCommands
import ThuisCore

/// `thuis ledger init|status`: the ledger for operators.
struct LedgerCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Create a ledger, see what it holds (batches, open offers, deliveries, year-to-date floors), back it up, or import the lettings made before Thuis.",
        subcommands: [LedgerInit.self, LedgerStatus.self, LedgerBackup.self, LedgerImportLettings.self])
}

struct LedgerInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a new ledger at PATH (an existing Thuis ledger is left as it is).")

    @Argument(help: "Where the ledger goes.")
    var path: String

    func run() throws {
        try LedgerInitCommand(ledgerPath: path).runAndReport()
    }
}

struct LedgerStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Integrity, batches, open offers and their age, deliveries, and with --policy the year's floors.")

    @OptionGroup var ledger: LedgerOptions

    @Option(help: "The policy, for the year-to-date floors.")
    var policy: String?

    @Option(help: "Count ages and the year on this day, YYYY-MM-DD (default: the latest batch's peildatum).")
    var on: String?

    func validate() throws {
        if let on, Day(iso: on) == nil { throw ValidationError("--on must be a date YYYY-MM-DD") }
    }

    func run() throws {
        var command = LedgerStatusCommand(ledgerPath: ledger.ledger)
        command.policyPath = policy
        command.on = on.flatMap { Day(iso: $0) }
        try command.runAndReport()
    }
}

struct LedgerBackup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the ledger to a new file with SQLite's online backup (safe while other runs use it).")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The new file (an existing file is never replaced).")
    var to: String

    func run() throws {
        try LedgerBackupCommand(ledgerPath: ledger.ledger, to: to).runAndReport()
    }
}

struct LedgerImportLettings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-lettings",
        abstract: "Record the lettings made before Thuis (CSV: date, advert, household, municipality, corporation, groups, persons, social, above_daeb, benefit_eligible, passend_exception), all rows or none.")

    @OptionGroup var ledger: LedgerOptions

    @Argument(help: "The CSV file of lettings.")
    var file: String

    @Option(help: "The policy whose groups the groups column must name.")
    var policy: String?

    @Option(name: .customLong("batch-id"), help: "The id the import is recorded under (default: import- and the start of the file's SHA-256).")
    var batchID: String?

    func run() throws {
        var command = ImportLettingsCommand(file: file, ledgerPath: ledger.ledger)
        command.policyPath = policy
        command.batchID = batchID
        try command.runAndReport()
    }
}

import ArgumentParser
import ThuisCommands

struct RecordOutcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-outcomes",
        abstract: "Record the answers to earlier offers (CSV: advert_id,household_id,status,detail_status,date).",
        discussion: "Status TOE (accepted), GEW (refused) or ING (withdrawn). All rows are recorded, or none.")

    @Argument(help: "The CSV file of outcomes.")
    var file: String

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        try RecordOutcomesCommand(file: file, ledgerPath: ledger.ledger).runAndReport()
    }
}

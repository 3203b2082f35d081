import ArgumentParser
import ThuisCommands

struct RecordOutcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-outcomes",
        abstract: "Record the answers to earlier offers (CSV: advert_id,household_id,status,detail_status,date).",
        discussion: "Status TOE (accepted), GEW (refused) or ING (withdrawn). All rows are recorded, or none; an offer is answered once unless --correct.")

    @Argument(help: "The CSV file of outcomes.")
    var file: String

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "Replace answers already recorded (each replaced answer is kept in the ledger's history).")
    var correct = false

    func run() throws {
        var command = RecordOutcomesCommand(file: file, ledgerPath: ledger.ledger)
        command.correct = correct
        try command.runAndReport()
    }
}

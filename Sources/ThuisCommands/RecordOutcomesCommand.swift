import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// `thuis record-outcomes FILE --ledger PATH [--correct]`: the answers to earlier offers, as CSV
/// (`advert_id,household_id,status,detail_status,date`; status TOE accepted, GEW refused,
/// ING withdrawn), as a spreadsheet saves it: comma or semicolon (the one the header uses more),
/// quoted fields, CRLF, a byte order mark, blank rows, and dates as `YYYY-MM-DD` or the Dutch
/// `DD-MM-YYYY` (also `D-M-YYYY`, with `/` or `.`).
///
/// All rows apply, or none. Every problem of the file is an error at its line and column, all
/// found in one pass (up to 100): a malformed row, an offer the ledger does not hold, an answer
/// dated before its offer, a row repeating or contradicting an earlier row of the file, an
/// answer to an offer answered already unless `--correct` (the old answer is then kept in the
/// ledger's history), and an acceptance from a household that holds another. The same answer
/// recorded again changes nothing. An acceptance withdraws the household's other open offers
/// (ING, AND). One indexed look-up per row.
public struct RecordOutcomesCommand: ThuisCommand {
    public var file: String
    public var ledgerPath: String
    public var waitSeconds: Double = 60
    /// Replace answers already recorded (each replaced answer is kept in the history).
    public var correct = false

    public init(file: String, ledgerPath: String) {
        self.file = file
        self.ledgerPath = ledgerPath
    }

    /// Past this many errors the rest of the file is not checked.
    static let errorLimit = OutcomesFile.errorLimit

    public func execute() throws -> CommandOutcome {
        var (outcomes, rows, errors) = try OutcomesFile.parse(CSVInput.read(file), file: file)
        func at(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        let recorded = try ledger.transaction { tx -> RecordedOutcomes in
            // The rows that parsed are looked up even when others did not: one pass finds every problem.
            let recorded = try tx.record(outcomes, correcting: correct, source: "record-outcomes \(file)")
            for (result, fields) in zip(recorded.results, rows) where errors.count < RecordOutcomesCommand.errorLimit {
                let advert = OutcomesFile.trimmed(fields[0].text), household = OutcomesFile.trimmed(fields[1].text)
                switch result {
                case .recorded, .unchanged, .corrected: continue
                case .unknownOffer:
                    errors.append(.error(.unknownAdvert, "the ledger holds no offer of \(advert) to \(household)", at: at(fields[0])))
                case .beforeOffer(let offered):
                    errors.append(.error(.invalidDate, "dated \(fields[4].text), before the offer was made on \(offered)", at: at(fields[4])))
                case .housedElsewhere(let other, let batch):
                    errors.append(.error(.invalidValue, "\(household) accepted \(other) (batch \(batch)) already: one home per household; correct that answer first (--correct)",
                                         at: at(fields[2])))
                case .alreadyAnswered(let status, let date):
                    errors.append(.error(.invalidValue, "the offer of \(advert) to \(household) was answered \(status.rawValue)\(date.map { " on \($0)" } ?? "") already; give --correct to change an answer (the old one is kept)",
                                         at: at(fields[2])))
                }
            }
            // All rows or none: any error undoes the transaction.
            guard errors.isEmpty else {
                throw CommandFailure(listing: errors, in: file, limit: RecordOutcomesCommand.errorLimit, nothing: "recorded")
            }
            return recorded
        }
        let results = recorded.results
        let recordedCount = results.filter { $0 == .recorded }.count, corrected = results.filter { $0 == .corrected }.count
        let unchanged = results.filter { $0 == .unchanged }.count
        var text = "Recorded \(recordedCount) outcome(s) in \(Ledger.absolute(ledgerPath))"
        if corrected > 0 { text += "; corrected \(corrected) (the earlier answers are kept in the history)" }
        if unchanged > 0 { text += "; \(unchanged) were recorded already" }
        if recorded.withdrawnByAcceptance > 0 {
            text += "; withdrew \(recorded.withdrawnByAcceptance) other open offer(s) of households that accepted (ING, AND)"
        }
        return CommandOutcome(exit: .ok, stdout: text + ".\n")
    }
}

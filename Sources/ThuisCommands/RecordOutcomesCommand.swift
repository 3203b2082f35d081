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

    /// Answers looked up in the ledger at a time: the file is read as it is recorded, so memory
    /// holds a chunk of rows and the answers that matched offers, never the whole file.
    static let chunkSize = 10_000

    public func execute() throws -> CommandOutcome {
        let data = try CSVInput.map(file)
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        let recorded = try ledger.transaction { tx -> RecordedOutcomes in
            // The file's own problems, and the ledger's (kept apart: the file's are added while
            // it is read, the ledger's each time a chunk is looked up).
            var errors: [Diagnostic] = [], complaints: [Diagnostic] = []
            var all = RecordedOutcomes(results: [], withdrawnByAcceptance: 0)
            var chunk: [OutcomesFile.Row] = []
            struct Enough: Error {}
            // The rows that parsed are looked up even when others did not: one pass finds every problem.
            func flush() throws {
                guard !chunk.isEmpty else { return }
                let recorded = try tx.record(chunk.map(\.outcome), correcting: correct, source: "record-outcomes \(file)")
                all.results += recorded.results
                all.withdrawnByAcceptance += recorded.withdrawnByAcceptance
                for (result, row) in zip(recorded.results, chunk) where complaints.count < RecordOutcomesCommand.errorLimit {
                    if let complaint = complaint(result, row) { complaints.append(complaint) }
                }
                chunk.removeAll(keepingCapacity: true)
                if complaints.count >= RecordOutcomesCommand.errorLimit { throw Enough() }
            }
            do {
                try data.withUnsafeBytes { bytes in
                    try OutcomesFile.forEachRow(in: bytes, file: file, errors: &errors) { row in
                        chunk.append(row)
                        if chunk.count == RecordOutcomesCommand.chunkSize { try flush() }
                    }
                }
                try flush()
            } catch is Enough {}
            errors += complaints
            // All rows or none: any error undoes the transaction.
            guard errors.isEmpty else {
                throw CommandFailure(listing: errors, in: file, limit: RecordOutcomesCommand.errorLimit, nothing: "recorded")
            }
            return all
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

    /// What the ledger says against an answer of the file, located at its field; nil when it was recorded.
    private func complaint(_ result: OutcomeResult, _ row: OutcomesFile.Row) -> Diagnostic? {
        func at(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: row.line, column: column) }
        let advert = row.outcome.advert, household = row.outcome.household
        switch result {
        case .recorded, .unchanged, .corrected: return nil
        case .unknownOffer:
            return .error(.unknownAdvert, "the ledger holds no offer of \(advert) to \(household)", at: at(row.advertColumn))
        case .beforeOffer(let offered):
            return .error(.invalidDate, "dated \(row.dateText), before the offer was made on \(offered)", at: at(row.dateColumn))
        case .housedElsewhere(let other, let batch):
            return .error(.invalidValue, "\(household) accepted \(other) (batch \(batch)) already: one home per household; correct that answer first (--correct)",
                          at: at(row.statusColumn))
        case .alreadyAnswered(let status, let date):
            return .error(.invalidValue, "the offer of \(advert) to \(household) was answered \(status.rawValue)\(date.map { " on \($0)" } ?? "") already; give --correct to change an answer (the old one is kept)",
                          at: at(row.statusColumn))
        }
    }
}

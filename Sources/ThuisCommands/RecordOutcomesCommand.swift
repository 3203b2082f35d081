import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// `thuis record-outcomes FILE --ledger PATH [--correct]`: the answers to earlier offers, as CSV
/// (`advert_id,household_id,status,detail_status,date`; status TOE accepted, GEW refused,
/// ING withdrawn; RFC 4180: quoted fields, CRLF and a byte order mark are fine).
///
/// All rows apply, or none. Every problem is an error at its line and column: a malformed row,
/// an offer the ledger does not hold, an answer dated before its offer, a row repeating or
/// contradicting an earlier row of the file, and an answer to an offer answered already, unless
/// `--correct` (the old answer is then kept in the ledger's history). The same answer recorded
/// again changes nothing. One indexed look-up per row.
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

    public static let columns = ["advert_id", "household_id", "status", "detail_status", "date"]

    /// Past this many errors the rest of the file is not checked.
    static let errorLimit = 100

    public func execute() throws -> CommandOutcome {
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            throw CommandFailure(exists ? .readFailed : .fileNotFound, exists ? "cannot read" : "cannot open",
                                 at: SourceLocation(file: file, line: 0, column: 0))
        }
        let records = try CSVReader.records([UInt8](data), file: file)
        var errors: [Diagnostic] = []
        func at(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
        guard let header = records.first, header.map(\.text) == RecordOutcomesCommand.columns else {
            throw CommandFailure(.missingField, "the first line must be \(RecordOutcomesCommand.columns.joined(separator: ","))",
                                 at: SourceLocation(file: file, line: records.first?.first?.line ?? 1, column: 1))
        }
        var outcomes: [OfferOutcome] = [], rows: [[CSVReader.Field]] = []
        var seen: [String: (line: Int, status: String, date: String)] = [:]
        for fields in records.dropFirst() where errors.count < RecordOutcomesCommand.errorLimit {
            guard fields.count == 5 else {
                errors.append(.error(.invalidValue, "expected 5 fields, found \(fields.count)", at: at(fields[0])))
                continue
            }
            guard let status = OfferStatus(rawValue: fields[2].text), status != .offered else {
                errors.append(.error(.invalidCode, "status '\(fields[2].text)' is not TOE, GEW or ING", at: at(fields[2])))
                continue
            }
            guard Day(iso: fields[4].text) != nil else {
                errors.append(.error(.invalidDate, "date '\(fields[4].text)' is not a date (YYYY-MM-DD)", at: at(fields[4])))
                continue
            }
            let key = fields[0].text + "\u{0}" + fields[1].text
            if let earlier = seen[key] {
                let same = earlier.status == fields[2].text && earlier.date == fields[4].text
                errors.append(.error(same ? .duplicateID : .invalidValue,
                                     "\(same ? "repeats" : "contradicts") line \(earlier.line) for the offer of \(fields[0].text) to \(fields[1].text)",
                                     at: at(fields[0])))
                continue
            }
            seen[key] = (fields[0].line, fields[2].text, fields[4].text)
            outcomes.append(OfferOutcome(advert: fields[0].text, household: fields[1].text, status: status,
                                         detailStatus: fields[3].text, date: fields[4].text))
            rows.append(fields)
        }
        guard errors.isEmpty else { throw failure(errors) }
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        let results = try ledger.transaction { tx -> [OutcomeResult] in
            let results = try tx.record(outcomes, correcting: correct, source: "record-outcomes \(file)").results
            for (result, fields) in zip(results, rows) where errors.count < RecordOutcomesCommand.errorLimit {
                switch result {
                case .recorded, .unchanged, .corrected: continue
                case .unknownOffer:
                    errors.append(.error(.unknownAdvert, "the ledger holds no offer of \(fields[0].text) to \(fields[1].text)", at: at(fields[0])))
                case .beforeOffer(let offered):
                    errors.append(.error(.invalidDate, "dated \(fields[4].text), before the offer was made on \(offered)", at: at(fields[4])))
                case .housedElsewhere(let advert, let batch):
                    errors.append(.error(.invalidValue, "\(fields[1].text) accepted \(advert) (batch \(batch)) already: one home per household; correct that answer first (--correct)",
                                         at: at(fields[2])))
                case .alreadyAnswered(let status, let date):
                    errors.append(.error(.invalidValue, "the offer of \(fields[0].text) to \(fields[1].text) was answered \(status.rawValue)\(date.map { " on \($0)" } ?? "") already; give --correct to change an answer (the old one is kept)",
                                         at: at(fields[2])))
                }
            }
            // All rows or none: any error undoes the transaction.
            guard errors.isEmpty else { throw failure(errors) }
            return results
        }
        let recorded = results.filter { $0 == .recorded }.count, corrected = results.filter { $0 == .corrected }.count
        let unchanged = results.filter { $0 == .unchanged }.count
        var text = "Recorded \(recorded) outcome(s) in \(Ledger.absolute(ledgerPath))"
        if corrected > 0 { text += "; corrected \(corrected) (the earlier answers are kept in the history)" }
        if unchanged > 0 { text += "; \(unchanged) were recorded already" }
        return CommandOutcome(exit: .ok, stdout: text + ".\n")
    }

    /// The errors found, saying so when the list stopped at the limit; nothing was recorded.
    func failure(_ errors: [Diagnostic]) -> CommandFailure {
        guard errors.count >= RecordOutcomesCommand.errorLimit else { return CommandFailure(errors) }
        return CommandFailure(errors + [.error(.tooManyErrors, "stopped listing after \(errors.count) errors; nothing was recorded",
                                               at: SourceLocation(file: file, line: 0, column: 0))])
    }
}

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

    public static let columns = ["advert_id", "household_id", "status", "detail_status", "date"]

    /// Past this many errors the rest of the file is not checked.
    static let errorLimit = 100

    public func execute() throws -> CommandOutcome {
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            throw CommandFailure(exists ? .readFailed : .fileNotFound, exists ? "cannot read" : "cannot open",
                                 at: SourceLocation(file: file, line: 0, column: 0))
        }
        let bytes = [UInt8](data)
        let records = try CSVReader.records(bytes, file: file, separator: CSVReader.separator(ofHeader: bytes))
        var errors: [Diagnostic] = []
        func at(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
        guard let header = records.first,
              header.map({ $0.text.trimmingCharacters(in: .whitespaces).lowercased() }) == RecordOutcomesCommand.columns else {
            throw CommandFailure(.missingField, "the first line must be \(RecordOutcomesCommand.columns.joined(separator: ",")) (or with semicolons)",
                                 at: SourceLocation(file: file, line: records.first?.first?.line ?? 1, column: 1))
        }
        var outcomes: [OfferOutcome] = [], rows: [[CSVReader.Field]] = []
        var seen: [String: (line: Int, status: String, date: String)] = [:]
        for fields in records.dropFirst() where errors.count < RecordOutcomesCommand.errorLimit {
            // A spreadsheet saves empty rows as separators only.
            if fields.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == 5 else {
                errors.append(.error(.invalidValue, "expected 5 fields, found \(fields.count)", at: at(fields[0])))
                continue
            }
            if let nul = fields.first(where: { $0.text.utf8.contains(0) }) {
                errors.append(.error(.invalidValue, "a NUL character in a field: no id or code holds one", at: at(nul)))
                continue
            }
            let text = fields.map { $0.text.trimmingCharacters(in: .whitespaces) }
            var valid = true
            if text[0].isEmpty || text[1].isEmpty {
                errors.append(.error(.missingField, "an answer names the advert and the household", at: at(fields[text[0].isEmpty ? 0 : 1])))
                valid = false
            }
            let status = OfferStatus(rawValue: text[2].uppercased())
            if status == nil || status == .offered {
                errors.append(.error(.invalidCode, "status '\(text[2])' is not TOE, GEW or ING", at: at(fields[2])))
                valid = false
            }
            let day = RecordOutcomesCommand.day(text[4])
            if day == nil {
                errors.append(.error(.invalidDate, "date '\(text[4])' is not a date (YYYY-MM-DD or DD-MM-YYYY)", at: at(fields[4])))
                valid = false
            }
            guard valid, let status, let day else { continue }
            let key = text[0] + "\u{0}" + text[1]
            if let earlier = seen[key] {
                let same = earlier.status == status.rawValue && earlier.date == day.description
                errors.append(.error(same ? .duplicateID : .invalidValue,
                                     "\(same ? "repeats" : "contradicts") line \(earlier.line) for the offer of \(text[0]) to \(text[1])",
                                     at: at(fields[0])))
                continue
            }
            seen[key] = (fields[0].line, status.rawValue, day.description)
            outcomes.append(OfferOutcome(advert: text[0], household: text[1], status: status, detailStatus: text[3].uppercased(),
                                         date: day.description))
            rows.append(fields)
        }
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        let recorded = try ledger.transaction { tx -> RecordedOutcomes in
            // The rows that parsed are looked up even when others did not: one pass finds every problem.
            let recorded = try tx.record(outcomes, correcting: correct, source: "record-outcomes \(file)")
            for (result, fields) in zip(recorded.results, rows) where errors.count < RecordOutcomesCommand.errorLimit {
                let advert = fields[0].text.trimmingCharacters(in: .whitespaces), household = fields[1].text.trimmingCharacters(in: .whitespaces)
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
                throw failure(errors.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) })
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

    /// A day as a spreadsheet writes it: `YYYY-MM-DD`, or day, month and year (`DD-MM-YYYY`,
    /// `D-M-YYYY`, with `-`, `/` or `.`) as Dutch settings save dates.
    static func day(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." }
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The errors found, saying so when the list stopped at the limit; nothing was recorded.
    func failure(_ errors: [Diagnostic]) -> CommandFailure {
        guard errors.count >= RecordOutcomesCommand.errorLimit else { return CommandFailure(errors) }
        return CommandFailure(errors + [.error(.tooManyErrors, "stopped listing after \(errors.count) errors; nothing was recorded",
                                               at: SourceLocation(file: file, line: 0, column: 0))])
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// An answers file for `thuis record-outcomes`: CSV `advert_id,household_id,status,
/// detail_status,date` as a spreadsheet saves it (comma or semicolon, the one the header uses
/// more; quoted fields, CRLF, a byte order mark, blank rows; dates `YYYY-MM-DD` or the Dutch
/// `DD-MM-YYYY`). Reading it needs no ledger: what the ledger says of each answer comes after.
public enum OutcomesFile {
    public static let columns = ["advert_id", "household_id", "status", "detail_status", "date"]
    /// Past this many errors the rest of the file is not checked.
    public static let errorLimit = 100

    /// One answer of the file, with where its fields are, for what the ledger says of it.
    public struct Row: Sendable {
        public var outcome: OfferOutcome
        public var line: Int
        /// Columns of the advert, status and date fields.
        public var advertColumn: Int, statusColumn: Int, dateColumn: Int
        /// The date as written.
        public var dateText: String
    }

    /// The answers, each with its place, and every problem of the file, located (at most
    /// ``errorLimit``). Throws for a file that is not CSV or has no header of these columns.
    public static func parse(_ bytes: [UInt8], file: String) throws -> (rows: [Row], errors: [Diagnostic]) {
        var rows: [Row] = [], errors: [Diagnostic] = []
        try bytes.withUnsafeBytes { try forEachRow(in: $0, file: file, errors: &errors) { rows.append($0) } }
        return (rows, errors)
    }

    /// Calls `body` with each answer in turn, adding the file's problems to `errors`, without
    /// holding the file's rows: memory grows with the answers kept by `body` (and the pairs
    /// already seen, to refuse an answer given twice), not with the file. Stops when `errors`
    /// holds ``errorLimit``.
    public static func forEachRow(in bytes: UnsafeRawBufferPointer, file: String, errors: inout [Diagnostic],
                                  _ body: (Row) throws -> Void) throws {
        func at(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
        var sawHeader = false
        var seen: [String: (line: Int, status: String, date: String)] = [:]
        struct Stop: Error {}
        do {
            try CSVReader.forEachRecord(in: bytes, file: file, separator: CSVReader.separator(ofHeader: Array(bytes.prefix(4096))),
                                        refusingNUL: false) { fields in
                guard sawHeader else {
                    guard fields.map({ $0.text.trimmingCharacters(in: .whitespaces).lowercased() }) == OutcomesFile.columns else {
                        throw CommandFailure(.missingField, "the first line must be \(OutcomesFile.columns.joined(separator: ",")) (or with semicolons)",
                                             at: SourceLocation(file: file, line: fields.first?.line ?? 1, column: 1))
                    }
                    sawHeader = true
                    return
                }
                guard errors.count < errorLimit else { throw Stop() }
                // A spreadsheet saves empty rows as separators only.
                let text = fields.map { trimmed($0.text) }
                if text.allSatisfy(\.isEmpty) { return }
                guard fields.count == 5 else {
                    errors.append(.error(.invalidValue, "expected 5 fields, found \(fields.count)", at: at(fields[0])))
                    return
                }
                if let nul = fields.first(where: { $0.text.utf8.contains(0) }) {
                    errors.append(.error(.invalidValue, "a NUL character in a field: no id or code holds one", at: at(nul)))
                    return
                }
                var valid = true
                if text[0].isEmpty || text[1].isEmpty {
                    errors.append(.error(.missingField, "an answer names the advert and the household", at: at(fields[text[0].isEmpty ? 0 : 1])))
                    valid = false
                }
                let status = OfferStatus(rawValue: text[2]) ?? OfferStatus(rawValue: text[2].uppercased())
                if status == nil || status == .offered {
                    errors.append(.error(.invalidCode, "status '\(text[2])' is not TOE, GEW or ING", at: at(fields[2])))
                    valid = false
                }
                let day = day(text[4])
                if day == nil {
                    errors.append(.error(.invalidDate, "date '\(text[4])' is not a date (YYYY-MM-DD or DD-MM-YYYY)", at: at(fields[4])))
                    valid = false
                }
                guard valid, let status, let day else { return }
                let key = text[0] + "\u{0}" + text[1]
                if let earlier = seen[key] {
                    let same = earlier.status == status.rawValue && earlier.date == day.description
                    errors.append(.error(same ? .duplicateID : .invalidValue,
                                         "\(same ? "repeats" : "contradicts") line \(earlier.line) for the offer of \(text[0]) to \(text[1])",
                                         at: at(fields[0])))
                    return
                }
                seen[key] = (fields[0].line, status.rawValue, day.description)
                let detail = text[3].utf8.contains(where: { (0x61...0x7A).contains($0) }) ? text[3].uppercased() : text[3]
                try body(Row(outcome: OfferOutcome(advert: text[0], household: text[1], status: status, detailStatus: detail, date: day.description),
                             line: fields[0].line, advertColumn: fields[0].column, statusColumn: fields[2].column,
                             dateColumn: fields[4].column, dateText: fields[4].text))
            }
        } catch is Stop {
            return
        }
        guard sawHeader else {
            throw CommandFailure(.missingField, "the first line must be \(OutcomesFile.columns.joined(separator: ",")) (or with semicolons)",
                                 at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// `text` without the spaces and tabs a spreadsheet leaves around a cell; the same string
    /// (no copy) when there are none, as in almost every cell.
    public static func trimmed(_ text: String) -> String {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = text.utf8.first, let last = text.utf8.last, blank(first) || blank(last) else { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A day as a spreadsheet writes it: `YYYY-MM-DD`, or day, month and year (`DD-MM-YYYY`,
    /// `D-M-YYYY`, with `-`, `/` or `.`) as Dutch settings save dates.
    public static func day(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." }
        guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

}

import Foundation
import ThuisCore
import ThuisLedger

/// `thuis record-outcomes FILE --ledger PATH`: the answers to earlier offers, as CSV
/// (`advert_id,household_id,status,detail_status,date`; status TOE accepted, GEW refused,
/// ING withdrawn). All rows apply, or none: a row that is invalid or matches no offer is an error.
public struct RecordOutcomesCommand: ThuisCommand {
    public var file: String
    public var ledgerPath: String
    public var waitSeconds: Double = 60

    public init(file: String, ledgerPath: String) {
        self.file = file
        self.ledgerPath = ledgerPath
    }

    public static let columns = ["advert_id", "household_id", "status", "detail_status", "date"]

    public func execute() throws -> CommandOutcome {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(.fileNotFound, "cannot open", at: SourceLocation(file: file, line: 0, column: 0))
        }
        let text = String(decoding: data, as: UTF8.self)
        var outcomes: [(OfferOutcome, Int)] = []
        var errors: [Diagnostic] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = i + 1
            let fields = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if number == 1 {
                if fields != RecordOutcomesCommand.columns {
                    errors.append(.error(.missingField, "the first line must be \(RecordOutcomesCommand.columns.joined(separator: ","))", at: SourceLocation(file: file, line: 1, column: 1)))
                }
                continue
            }
            if fields == [""] { continue }
            let at = SourceLocation(file: file, line: number, column: 1)
            guard fields.count == 5 else {
                errors.append(.error(.invalidValue, "expected 5 fields, found \(fields.count)", at: at))
                continue
            }
            guard let status = OfferStatus(rawValue: fields[2]), status != .offered else {
                errors.append(.error(.invalidCode, "status '\(fields[2])' is not TOE, GEW or ING", at: at))
                continue
            }
            guard Day(iso: fields[4]) != nil else {
                errors.append(.error(.invalidDate, "date '\(fields[4])' is not a date (YYYY-MM-DD)", at: at))
                continue
            }
            outcomes.append((OfferOutcome(advert: fields[0], household: fields[1], status: status, detailStatus: fields[3], date: fields[4]), number))
        }
        guard errors.isEmpty else { throw CommandFailure(errors) }
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        let applied = try ledger.transaction { tx -> Int in
            let (applied, unmatched) = try tx.apply(outcomes.map(\.0))
            if !unmatched.isEmpty {
                let lines = unmatched.compactMap { u in outcomes.first { $0.0.advert == u.advert && $0.0.household == u.household }?.1 }
                throw CommandFailure(.unknownAdvert, "no offer of these adverts to these households in the ledger (line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))); nothing was recorded",
                                     at: SourceLocation(file: file, line: 0, column: 0))
            }
            return applied
        }
        return CommandOutcome(exit: .ok, stdout: "Recorded \(applied) outcome(s) in \(ledgerPath).\n")
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports

/// `thuis offers [--on DATE] [--older-than DAYS] [--municipality CODE] [--corporation CODE]
/// [--format table|csv|json]`: the open offers that wait for an answer, oldest first; with
/// `expire`, those past their deadline (and within the filters) are withdrawn (ING, REA) so the
/// next batch offers their adverts again.
public struct OffersCommand: ThuisCommand {
    public var ledgerPath: String
    /// The day ages are counted on, and (with `expire`) the first day an answer is late.
    public var on: Day
    /// Only offers older than this many days.
    public var olderThan: Int?
    public var municipality: String?
    public var corporation: String?
    public var format = Format.table
    public enum Format: String, Sendable, CaseIterable { case table, csv, json }
    /// Withdraw the offers whose deadline lies before `on`.
    public var expire = false
    /// The policy whose `[offers] answer_days` gives offers without a deadline of their own one.
    public var policyPath: String?
    public var waitSeconds: Double = 60

    public init(ledgerPath: String, on: Day) {
        self.ledgerPath = ledgerPath
        self.on = on
    }

    public static let columns = ["advert_id", "household_id", "batch_id", "offered_on", "deadline", "age_days", "position", "reserved_for",
                                 "municipality", "corporation"]

    public func execute() throws -> CommandOutcome {
        let answerDays = try policyPath.map { try PolicyFile.load($0).get() }?.offers.answerDays
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        if expire {
            // The filters choose what is withdrawn: a corporation expires its own offers in a region's ledger.
            let rows = try ledger.transaction { try $0.expireOffers(before: on, answerDays: answerDays, where: matches) }
            var text = "Withdrew \(rows.count) offer(s) past their deadline on \(on)\(filterText) (ING, REA: reactietermijn verlopen) in \(Ledger.absolute(ledgerPath)); their adverts go to the next batch.\n"
            if format != .table { text = render(rows, deadlines: answerDays) } else if !rows.isEmpty { text += "\n" + columns(rows, deadlines: answerDays) }
            return CommandOutcome(exit: .ok, stdout: text)
        }
        let rows = try ledger.read { try $0.openOffers() }.filter(matches)
        return CommandOutcome(exit: .ok, stdout: format == .table ? table(rows, deadlines: answerDays) : render(rows, deadlines: answerDays))
    }

    private func matches(_ offer: RecordedOffer) -> Bool {
        (olderThan.map { age(offer) > $0 } ?? true)
            && (municipality.map { offer.offer.letting.municipality == $0 } ?? true)
            && (corporation.map { offer.offer.letting.corporation == $0 } ?? true)
    }

    private func age(_ offer: RecordedOffer) -> Int { Int(on.rawValue - offer.offeredOn.rawValue) }

    /// The offer's deadline: its own, or `answerDays` after it was made.
    private func deadline(_ offer: RecordedOffer, _ answerDays: Int?) -> Day? {
        offer.offer.deadline ?? answerDays.map { offer.offeredOn.adding(days: $0) }
    }

    private func fields(_ offer: RecordedOffer, _ answerDays: Int?) -> [String] {
        let o = offer.offer
        return [o.advert, o.household, offer.batchID, offer.offeredOn.description, deadline(offer, answerDays)?.description ?? "",
                String(age(offer)), o.position.map(String.init) ?? "", o.reservedFor ?? "", o.letting.municipality, o.letting.corporation]
    }

    private func render(_ rows: [RecordedOffer], deadlines answerDays: Int?) -> String {
        switch format {
        case .csv:
            return CSVText.line(OffersCommand.columns) + rows.map { CSVText.line(fields($0, answerDays)) }.joined()
        case .json, .table:
            struct Row: Encodable {
                var advert_id, household_id, batch_id, offered_on: String
                var deadline: String?
                var age_days: Int
                var position: Int?
                var reserved_for: String?
                var municipality, corporation: String
            }
            struct Document: Encodable {
                var on: String
                var offers: [Row]
            }
            let document = Document(on: on.description, offers: rows.map { offer in
                let o = offer.offer
                return Row(advert_id: o.advert, household_id: o.household, batch_id: offer.batchID, offered_on: offer.offeredOn.description,
                           deadline: deadline(offer, answerDays)?.description, age_days: age(offer), position: o.position,
                           reserved_for: o.reservedFor, municipality: o.letting.municipality, corporation: o.letting.corporation)
            })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            // Encoding strings and numbers cannot fail.
            return String(decoding: try! encoder.encode(document), as: UTF8.self) + "\n"
        }
    }

    private func table(_ rows: [RecordedOffer], deadlines answerDays: Int?) -> String {
        guard !rows.isEmpty else { return "No open offers on \(on) in \(Ledger.absolute(ledgerPath))\(filterText).\n" }
        let late = rows.filter { deadline($0, answerDays).map { $0 < on } ?? false }.count
        return "Open offers on \(on): \(rows.count)\(filterText)" + (late > 0 ? ", \(late) past their deadline (thuis offers expire --on \(on))" : "")
            + "\n\n" + columns(rows, deadlines: answerDays)
    }

    /// The offers as aligned columns under a header line.
    private func columns(_ rows: [RecordedOffer], deadlines answerDays: Int?) -> String {
        let headers = ["advert", "household", "batch", "offered", "deadline", "age", "place", "reserve", "municipality", "corporation"]
        let cells = rows.map { fields($0, answerDays) }
        let widths = headers.indices.map { i in max(headers[i].count, cells.map { $0[i].count }.max() ?? 0) }
        func line(_ values: [String]) -> String {
            values.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - values[i].count)
                return i == 5 || i == 6 ? pad + values[i] : values[i] + pad
            }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(headers) + cells.map(line).joined()
    }

    private var filterText: String {
        let parts = [olderThan.map { "older than \($0) days" }, municipality.map { "municipality \($0)" }, corporation.map { "corporation \($0)" }]
            .compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

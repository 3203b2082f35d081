import Foundation
import ThuisReports

/// What one `thuis allocate` did, as a cron job or an operator reads it: the whole summary, one
/// line (`--quiet`), or JSON (`--format json`). Everything in it comes from the run's own outputs
/// and the ledger.
struct AllocateRunReport: Encodable {
    /// Recorded, already recorded, a dry run, or a one-off run without a ledger.
    enum State: String, Encodable {
        case recorded
        case alreadyRecorded = "already recorded"
        case dryRun = "dry run"
        case oneOff = "one-off"
    }

    /// A floor that fell short, or a cap that turned reactions away (no shortfall).
    struct Quota: Encodable {
        var quota: String, scope: String, target: Int, achieved: Int, shortfall: Int?
    }

    var state: State
    var batch: String?
    /// The ledger's absolute path.
    var ledger: String?
    var ledgerCreated = false
    var superseded: String?
    var withdrawnOffers: Int?
    var out: String
    var region: String?
    var peildatum: String?
    var adverts: Int
    var lettings: Int
    /// Unlet adverts (absent for a batch recorded earlier: its summary.json has them).
    var unlet: [String]?
    /// Adverts of the export an earlier batch let (a superseding run): not offered again.
    var alreadyLet: Int?
    var floorsShort: [Quota]?
    /// Caps that turned reactions away with room left in their period.
    var capsReached: [Quota]?
    /// Caps with no room at all (target 0: the period's lettings so far allow none, as a legal
    /// cap early in the year without `[legal.expected_lettings]`); they turned reactions away.
    var capsWithoutRoom: [Quota]?
    /// The ledger's open offers after the run, and how many of them are past their deadline on
    /// the peildatum (for `thuis offers expire`).
    var openOffers: Int?
    var openPastDeadline: Int?
    /// Offers the ledger has withdrawn after their deadline (ING, REA), in all.
    var expiredOffers: Int?
    /// Earlier deliveries this run completed (batch ids).
    var delivered: [String] = []
    var warnings: [String] = []

    init(state: State, out: String, summary: AllocationSummary) {
        self.state = state
        self.out = out
        region = summary.batch.region
        peildatum = summary.batch.peildatum
        adverts = summary.batch.adverts
        lettings = summary.lettings
        unlet = summary.unlet.map(\.advert)
        floorsShort = summary.quotas.filter { $0.kind == "floor" && $0.shortfall > 0 }
            .map { Quota(quota: $0.quota, scope: $0.scope, target: $0.target, achieved: $0.achieved, shortfall: $0.shortfall) }
        let refusing = summary.quotas.filter { $0.kind == "cap" && $0.reason.hasPrefix("cap reached") }
        capsReached = refusing.filter { $0.target > 0 }
            .map { Quota(quota: $0.quota, scope: $0.scope, target: $0.target, achieved: $0.achieved, shortfall: nil) }
        capsWithoutRoom = refusing.filter { $0.target == 0 }
            .map { Quota(quota: $0.quota, scope: $0.scope, target: $0.target, achieved: $0.achieved, shortfall: nil) }
        alreadyLet = summary.alreadyLet.map(\.count)
    }

    init(alreadyRecorded batch: String, out: String, adverts: Int, lettings: Int) {
        state = .alreadyRecorded
        self.batch = batch
        self.out = out
        self.adverts = adverts
        self.lettings = lettings
    }

    /// One line: what happened, the lettings, and anything an operator must look at.
    var line: String {
        var text = batch.map { "batch \($0) \(state.rawValue)" } ?? state.rawValue
        // With a ledger a run makes offers: an advert is let when its offer is accepted.
        text += ": \(lettings) of \(adverts) adverts \(state == .oneOff ? "let" : "offered")"
        if let alreadyLet, alreadyLet > 0 { text += ", \(alreadyLet) already let" }
        if let floorsShort, !floorsShort.isEmpty {
            text += "; floors short: " + floorsShort.prefix(3).map { "\($0.quota) \($0.scope) by \($0.shortfall ?? 0)" }.joined(separator: ", ")
                + (floorsShort.count > 3 ? " and \(floorsShort.count - 3) more" : "")
        }
        if let capsReached, !capsReached.isEmpty { text += "; caps reached: \(capsReached.count)" }
        if let capsWithoutRoom, !capsWithoutRoom.isEmpty { text += "; caps with no room yet: \(capsWithoutRoom.count)" }
        if let openOffers {
            text += "; open offers: \(openOffers)" + (openPastDeadline.map { $0 > 0 ? " (\($0) past their deadline)" : "" } ?? "")
        }
        if let expiredOffers, expiredOffers > 0 { text += "; expired offers: \(expiredOffers)" }
        if let superseded { text += "; superseded \(superseded) (\(withdrawnOffers ?? 0) open offers withdrawn)" }
        if !delivered.isEmpty { text += "; delivered the outputs of \(delivered.joined(separator: ", "))" }
        if state == .alreadyRecorded { text += "; result in \(out)" }
        if !warnings.isEmpty { text += "; \(warnings.count) warning(s)" }
        if let ledger { text += "; ledger \(ledger)\(ledgerCreated ? " (new)" : "")" }
        return text + "\n"
    }

    /// The JSON document, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

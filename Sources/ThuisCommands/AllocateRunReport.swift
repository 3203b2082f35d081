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
    var floorsShort: [Quota]?
    var capsReached: [Quota]?
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
        capsReached = summary.quotas.filter { $0.kind == "cap" && $0.reason.hasPrefix("cap reached") }
            .map { Quota(quota: $0.quota, scope: $0.scope, target: $0.target, achieved: $0.achieved, shortfall: nil) }
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
        text += ": \(lettings) of \(adverts) adverts let"
        if let floorsShort, !floorsShort.isEmpty {
            text += "; floors short: " + floorsShort.prefix(3).map { "\($0.quota) \($0.scope) by \($0.shortfall ?? 0)" }.joined(separator: ", ")
                + (floorsShort.count > 3 ? " and \(floorsShort.count - 3) more" : "")
        }
        if let capsReached, !capsReached.isEmpty { text += "; caps reached: \(capsReached.count)" }
        if let superseded { text += "; superseded \(superseded) (\(withdrawnOffers ?? 0) open offers withdrawn)" }
        if !delivered.isEmpty { text += "; delivered the outputs of \(delivered.joined(separator: ", "))" }
        if !warnings.isEmpty { text += "; \(warnings.count) warning(s)" }
        if let ledger { text += "; ledger \(ledger)\(ledgerCreated ? " (new)" : "")" }
        return text + "\n"
    }

    /// The JSON document, keys sorted.
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

import Foundation
import ThuisCore

/// `summary.json` and the short summary printed after a run: deterministic, no clock times.
public struct AllocationSummary: Codable, Sendable {
    public struct Run: Codable, Sendable {
        /// The exports read, as absolute paths, and the SHA-256 of each (absent in summaries
        /// written before Thuis 0.5): `explain` finds a moved export by its hash.
        public var exports: [String]
        public var exportSHA256: [String]?
        public var policyFile: String
        public var policySHA256: String?
        public var policy: String
        public var mechanism: String
        public var seed: UInt64
        public var labelling: String
        /// Whether reserves were added while a floor was short (absent in summaries before 0.5).
        public var relabel: Bool?
        public var rounds: Int
        /// Which reactions candidates.csv lists (``CandidatesContent``); absent when all.
        public var candidates: String?
    }

    public struct Batch: Codable, Sendable {
        public var region: String
        public var peildatum: String
        public var adverts: Int
        public var households: Int
        public var reactions: Int
        public var eligibleReactions: Int
    }

    public struct Share: Codable, Sendable {
        public var scope: String
        public var count: Int
        public var of: Int
        public var share: Double?
        public var minimum: Double
        public var met: Bool
    }

    /// Lettings so far in a period for one quota (or legal cap) and scope value.
    public struct SoFar: Codable, Sendable, Equatable {
        public var scope: String
        public var lettings: Int
        public var group: Int
        public var carryOver: Int
    }

    public struct Unlet: Codable, Sendable {
        public var advert: String
        public var reason: String
    }

    public struct QuotaRow: Codable, Sendable {
        public var quota: String, kind: String, scope: String, period: String, unit: String
        public var target: Int, reserved: Int, achieved: Int, shortfall: Int, reason: String
        /// For a floor with a shortfall: the most any allocation could give the group.
        public var bound: Int?
    }

    public var thuis = "1.0"
    public var run: Run
    public var batch: Batch
    public var lettings: Int
    public var lettingsPerGroup: [String: Int]
    public var unlet: [Unlet]
    public var quotas: [QuotaRow]
    public var daeb: [Share]
    public var passend: Share
    /// What the ledger held for the period quotas and legal caps (absent without a ledger).
    public var yearToDate: [String: [SoFar]]?
    /// Households whose priority lapsed after refusals (absent when none).
    public var lapsedPriorities: [String]?
    /// Adverts an earlier batch let, which this run did not offer again, with how (absent when none).
    public var alreadyLet: [String: String]?
    /// The offer history of the batch's households that the ledger (and the export's
    /// Aanbieding records) gave: housed, open offers, refused adverts (absent when empty).
    public var offerHistory: OfferHistory?
    /// Reactions the offer history excluded, per reason code (absent when none).
    public var excludedByOfferHistory: [String: Int]?
    /// The ledger's id of the batch (absent without a ledger).
    public var ledgerBatch: String?

    /// The files a run read: absolute paths and their SHA-256.
    public struct Inputs: Sendable {
        public var exports: [String]
        public var exportSHA256: [String]
        public var policyFile: String
        public var policySHA256: String
        public init(exports: [String], exportSHA256: [String], policyFile: String, policySHA256: String) {
            self.exports = exports
            self.exportSHA256 = exportSHA256
            self.policyFile = policyFile
            self.policySHA256 = policySHA256
        }
    }

    public init(_ facts: AllocationFacts, inputs: Inputs, lapsedPriorities: [String] = []) {
        let market = facts.market, allocation = facts.allocation, policy = facts.policy
        run = Run(exports: inputs.exports, exportSHA256: inputs.exportSHA256, policyFile: inputs.policyFile,
                  policySHA256: inputs.policySHA256, policy: policy.name, mechanism: policy.mechanism.rawValue,
                  seed: policy.seed, labelling: policy.labelling.rawValue, relabel: policy.relabel, rounds: allocation.rounds)
        batch = Batch(region: market.batch.region, peildatum: market.batch.referenceDate.description,
                      adverts: market.adverts.count, households: market.households.count, reactions: market.reactions.count,
                      eligibleReactions: allocation.exclusion.lazy.filter { $0 == .eligible }.count)
        lettings = allocation.lettings
        lettingsPerGroup = Dictionary(uniqueKeysWithValues: facts.lettingsPerGroup().map { ($0.group, $0.lettings) })
        unlet = facts.advertIndices.filter { allocation.household[$0] < 0 }.map {
            Unlet(advert: market.adverts.ids[$0], reason: allocation.notes[$0] ?? "")
        }
        quotas = allocation.quotas.map {
            QuotaRow(quota: $0.quota, kind: $0.kind.rawValue, scope: $0.scope, period: $0.period.rawValue, unit: $0.unit.rawValue,
                     target: $0.target, reserved: $0.reserved, achieved: $0.achieved, shortfall: $0.shortfall, reason: $0.reason, bound: $0.bound)
        }
        daeb = facts.daebShares().map {
            AllocationSummary.share("corporation \($0.corporation)", $0.within, $0.social, policy.law.daebMinimumShare)
        }
        let passend = facts.passendShare()
        self.passend = AllocationSummary.share("region", passend.passend, passend.benefitEligible, policy.law.passendMinimumShare)
        yearToDate = AllocationSummary.yearToDate(allocation.period, policy)
        self.lapsedPriorities = lapsedPriorities.isEmpty ? nil : lapsedPriorities.sorted()
        alreadyLet = allocation.period.alreadyLet.isEmpty ? nil : allocation.period.alreadyLet
        offerHistory = allocation.period.offerHistory.isEmpty ? nil : allocation.period.offerHistory
        var excluded: [String: Int] = [:]
        for reason in allocation.exclusion where reason.isOfferHistory { excluded[reason.code, default: 0] += 1 }
        excludedByOfferHistory = excluded.isEmpty ? nil : excluded
    }

    /// The figures of `period` that summary.json's `yearToDate` holds: each period quota's and
    /// legal cap's rows (nil when there are none).
    public static func yearToDate(_ period: PeriodState, _ policy: Policy) -> [String: [SoFar]]? {
        var history: [String: [SoFar]] = [:]
        for quota in policy.quotas where quota.period != .batch {
            guard let rows = period.quotas[quota.name], !rows.isEmpty else { continue }
            history[quota.name] = rows.map { SoFar(scope: $0.scopeValue, lettings: $0.lettings, group: $0.group, carryOver: $0.carryOver) }
        }
        for (name, rows) in period.legalCaps where !rows.isEmpty {
            history[name] = rows.sorted { $0.scopeValue < $1.scopeValue }
                .map { SoFar(scope: $0.scopeValue, lettings: $0.lettings, group: $0.group, carryOver: $0.carryOver) }
        }
        return history.isEmpty ? nil : history
    }

    /// The period state this run applied to `policy`: the figures it read from the ledger.
    public func periodState(for policy: Policy) -> PeriodState {
        var state = PeriodState(given: policy)
        state.alreadyLet = alreadyLet ?? [:]
        state.offerHistory = offerHistory ?? OfferHistory()
        guard let yearToDate else { return state }
        func rows(_ list: [SoFar]) -> [Quota.SoFar] {
            list.map { Quota.SoFar(scopeValue: $0.scope, lettings: $0.lettings, group: $0.group, carryOver: $0.carryOver) }
        }
        for quota in policy.quotas {
            if let list = yearToDate[quota.name] { state.quotas[quota.name] = rows(list) }
        }
        for name in [PeriodState.daebFreeShare, PeriodState.passendExceptions] {
            if let list = yearToDate[name] { state.legalCaps[name] = rows(list) }
        }
        return state
    }

    static func share(_ scope: String, _ count: Int, _ of: Int, _ minimum: Double) -> Share {
        let share = of > 0 ? (Double(count) / Double(of) * 10_000).rounded() / 10_000 : nil
        return Share(scope: scope, count: count, of: of, share: share, minimum: minimum, met: share.map { $0 >= minimum - 1e-9 } ?? true)
    }

    /// Which reactions the run's candidates.csv lists; nil when summary.json names a kind that
    /// Thuis does not write (an edited summary).
    public var candidatesContent: CandidatesContent? {
        run.candidates.map { CandidatesContent(rawValue: $0) } ?? .all
    }

    /// The JSON document, keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// A few lines for the terminal.
    public func text() -> String {
        func percent(_ n: Int, _ of: Int) -> String {
            of == 0 ? "-" : String(format: "%.1f%%", Double(n) * 100 / Double(of))
        }
        var out = "\(run.policy) (\(run.mechanism), seed \(run.seed)) on \(batch.region), peildatum \(batch.peildatum)\n"
        out += "\(lettings) of \(batch.adverts) adverts let; \(batch.eligibleReactions) of \(batch.reactions) reactions eligible\n\n"
        out += "Lettings per group:\n"
        for (group, n) in lettingsPerGroup.sorted(by: { $0.key < $1.key }) {
            out += "  \(group.padding(toLength: 22, withPad: " ", startingAt: 0))\(String(n).leftPadded(4))  \(percent(n, lettings))\n"
        }
        if !quotas.isEmpty {
            out += "\nQuotas:\n"
            for q in quotas {
                let short = q.bound.map { bound in
                    "SHORT by \(q.shortfall); at most \(bound) reachable by any allocation"
                        + (bound >= q.target ? (run.mechanism == Mechanism.sequential.rawValue ? ", the rest is the order of offers and the caps"
                                                                                                  : ", the rest is the price of stability") : "")
                } ?? "SHORT by \(q.shortfall)"
                let status = q.kind == "floor" ? (q.shortfall == 0 ? "met" : short) : (q.achieved > q.target ? "EXCEEDED (\(q.reason))" : q.reason.hasPrefix("cap reached") ? (q.target == 0 ? "no room yet (the period's lettings so far allow none)" : "cap reached") : "within")
                out += "  \(q.quota) \(q.scope): \(q.kind) \(q.target), achieved \(q.achieved) — \(status)\n"
            }
        }
        let daebMinimum = daeb.first.map { String(format: "%.1f%%", $0.minimum * 100) } ?? "-"
        out += "\nDAEB share (minimum \(daebMinimum)): "
        out += daeb.map { "\($0.scope.replacingOccurrences(of: "corporation ", with: "")) \(percent($0.count, $0.of))" }.joined(separator: ", ") + "\n"
        out += "Passend share: \(passend.count) of \(passend.of) benefit-eligible lettings at or under the aftoppingsgrens (\(percent(passend.count, passend.of)), minimum \(Int(passend.minimum * 100))%)\n"
        if let excluded = excludedByOfferHistory {
            let parts = [("ALREADY_HOUSED", "of households housed earlier"), ("REFUSED_BEFORE", "to adverts their household refused before"),
                         ("OPEN_OFFER", "of households waiting on an open offer")]
                .compactMap { code, what in excluded[code].map { "\($0) \(what)" } }
            out += "Reactions not offered because of the ledger's offers: " + parts.joined(separator: ", ") + "\n"
        }
        if !unlet.isEmpty {
            // A region's night can leave hundreds unlet: the first ten here, all in summary.json.
            out += "Unlet: " + unlet.prefix(10).map { "\($0.advert) (\($0.reason))" }.joined(separator: "; ")
                + (unlet.count > 10 ? "; and \(unlet.count - 10) more (summary.json lists them all)" : "") + "\n"
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

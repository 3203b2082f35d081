import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile

/// `thuis ledger status [--ledger PATH] [--policy FILE] [--on DATE]`: what an operator checks
/// before and after a night: the ledger's integrity, its batches, open offers and their age,
/// deliveries not yet in place, and with the policy the year-to-date floors.
public struct LedgerStatusCommand: ThuisCommand {
    public var ledgerPath: String
    public var policyPath: String?
    /// The day ages and the year are counted on (default: the latest batch's peildatum).
    public var on: Day?

    public init(ledgerPath: String) { self.ledgerPath = ledgerPath }

    public func execute() throws -> CommandOutcome {
        let policy = try policyPath.map { try PolicyFile.load($0).get() }
        let ledger = try Ledger(path: ledgerPath)
        var out = "Ledger \(Ledger.absolute(ledgerPath))\n"
        try ledger.read { tx in
            let integrity = try tx.integrityCheck()
            out += "integrity_check: \(integrity)\n"
            let batches = try tx.batches()
            out += "batches: \(batches.count)"
            if let first = batches.first, let last = batches.last {
                out += ", from \(first.id) (peildatum \(first.peildatum)) to \(last.id) (peildatum \(last.peildatum))"
            }
            out += "\n"
            let counts = try tx.offerCounts()
            out += "offers: \(counts.values.reduce(0, +)) (open \(counts[.offered, default: 0]), accepted \(counts[.allocated, default: 0]), "
                + "refused \(counts[.refused, default: 0]), withdrawn \(counts[.withdrawn, default: 0]))\n"
            let day = on ?? batches.last.flatMap { Day(iso: $0.peildatum) }
            let open = try tx.openOffers()
            if let oldest = open.first, let day {
                var ages = open.map { Int(day.rawValue - $0.offeredOn.rawValue) }
                ages.sort()
                out += "open offers on \(day): \(open.count), age in days median \(ages[ages.count / 2]), oldest \(ages.last!) "
                    + "(\(oldest.offer.advert) to \(oldest.offer.household), batch \(oldest.batchID))\n"
            }
            let pending = try tx.pendingDeliveries()
            out += pending.isEmpty ? "deliveries: all outputs in place\n"
                : "deliveries not in place: " + pending.map { "\($0.batchID) (to \($0.target), staged in \($0.staging))" }.joined(separator: "; ") + "\n"
            if let policy, let day {
                let state = try YearToDate.state(for: policy, on: day, in: tx)
                let floors = policy.quotas.filter { $0.kind == .floor && $0.period != .batch }
                if !floors.isEmpty { out += "floors of the period up to \(day) (accepted and open offers):\n" }
                for quota in floors {
                    for figures in state.quotas[quota.name] ?? [] {
                        let target = quota.amount.least(of: figures.lettings) + figures.carryOver
                        out += "  \(quota.name) \(quota.scope == .region ? "region" : "\(quota.scope.rawValue) \(figures.scopeValue)"): "
                            + "\(figures.group) of target \(target) \(quota.unit.rawValue) (\(figures.lettings) lettings"
                            + (figures.carryOver > 0 ? ", \(figures.carryOver) carried over" : "") + ")"
                            + (figures.group < target ? ", short \(target - figures.group)" : ", met") + "\n"
                    }
                }
            }
        }
        return CommandOutcome(exit: .ok, stdout: out)
    }
}

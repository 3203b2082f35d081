import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

extension AllocateCommand {
    /// A run recorded in the ledger, all or nothing: the batch, its offers and the outputs are
    /// committed together inside one ledger transaction, which also keeps a second run waiting.
    /// Throws when anything fails; the transaction then leaves the ledger as it was.
    func runWithLedger(_ market: Market, _ policy: Policy, ledgerPath: String, started: Date, _ progress: Progress) throws -> CommandOutcome {
        let exportHash = try ExportFingerprint.sha256(of: exports)
        let policyHash = try ExportFingerprint.sha256(of: [policyPath])
        let id = batchID ?? "\(market.batch.referenceDate)-\(exportHash.prefix(12))"
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        var stdout = ""
        var warnings: [Diagnostic] = []
        let body = { (tx: LedgerTransaction) throws -> Void in
            if let recorded = try tx.batch(id) {
                guard recorded.exportSHA256 == exportHash, recorded.policySHA256 == policyHash,
                      recorded.seed == policy.seed, recorded.mechanism == policy.mechanism.rawValue else {
                    var differences: [String] = []
                    if recorded.exportSHA256 != exportHash { differences.append("export \(recorded.exportSHA256.prefix(12)), now \(exportHash.prefix(12))") }
                    if recorded.policySHA256 != policyHash { differences.append("policy \(recorded.policySHA256.prefix(12)), now \(policyHash.prefix(12))") }
                    if recorded.seed != policy.seed { differences.append("seed \(recorded.seed), now \(policy.seed)") }
                    if recorded.mechanism != policy.mechanism.rawValue { differences.append("mechanism \(recorded.mechanism), now \(policy.mechanism.rawValue)") }
                    throw LedgerError(kind: .conflict, "batch \(id) was recorded on \(recorded.finishedAt) from other input (\(differences.joined(separator: "; "))); give another --batch-id")
                }
                stdout = recorded.summary + "\nBatch \(id) was already recorded on \(recorded.finishedAt) in \(ledgerPath): nothing changed.\n"
                return
            }
            var market = market
            if !dryRun {
                let (_, unmatched) = try tx.apply(AllocateCommand.outcomes(in: market))
                warnings = unmatched.map { u in
                    .warning(.unknownAdvert, "the export's outcome \(u.status.rawValue) of \(u.advert) for \(u.household) matches no offer in the ledger; it is not recorded", at: nil)
                }
            }
            var lapsed: [String] = []
            if let limit = policy.urgencyLapsesAfterRefusals {
                let refused = try tx.refusals().filter { $0.value >= limit }.keys
                let present = refused.compactMap { id in market.households.ids.index(of: id).map { (id, Int($0)) } }
                lapsed = present.map(\.0)
                market = market.removingPriorities(of: Set(present.map(\.1)))
            }
            let period = try YearToDate.state(for: policy, on: market.batch.referenceDate, in: tx)
            stdout = try allocateAndWrite(market, policy, period: period, progress, lapsed: lapsed) { facts, summary in
                guard !dryRun else { return }
                PausePoint.beforeRecord.reach()
                let record = BatchRecord(
                    id: id, peildatum: market.batch.referenceDate.description, region: market.batch.region,
                    exportSHA256: exportHash, policySHA256: policyHash, seed: policy.seed, mechanism: policy.mechanism.rawValue,
                    thuisVersion: ThuisVersion.current, startedAt: AllocateCommand.timestamp(started),
                    finishedAt: AllocateCommand.timestamp(Date()), adverts: market.adverts.count,
                    lettings: facts.allocation.lettings, summary: summary.text())
                try tx.record(record, offers: AllocateCommand.offerRows(facts))
                PausePoint.beforeOutputs.reach()
            }
            PausePoint.afterOutputs.reach()
            stdout += dryRun ? "Dry run: nothing recorded in \(ledgerPath).\n" : "Recorded batch \(id) in \(ledgerPath).\n"
        }
        if dryRun { try ledger.read { try body($0) } } else { try ledger.transaction { try body($0) } }
        return CommandOutcome(exit: .ok, stdout: stdout, stderr: DiagnosticText.render(warnings))
    }
}

extension AllocateCommand {
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: date)
    }

    /// The outcomes of earlier offers that the export carries (its Aanbieding records).
    static func outcomes(in market: Market) -> [OfferOutcome] {
        (0..<market.offers.count).compactMap { o in
            let status = market.offers.status[o]
            guard status != .offered else { return nil }
            return OfferOutcome(advert: market.adverts.ids[Int(market.offers.advert[o])],
                                household: market.households.ids[Int(market.offers.household[o])], status: status,
                                detailStatus: market.offers.detailStatus[o], date: market.offers.date[o].description)
        }
    }

    /// The offers of a run, as the ledger keeps them.
    static func offerRows(_ facts: AllocationFacts) -> [OfferRow] {
        let market = facts.market, allocation = facts.allocation
        return facts.advertIndices.filter { allocation.household[$0] >= 0 }.map { a in
            let h = Int(allocation.household[a]), d = Int(market.adverts.dwelling[a]), r = Int(allocation.reaction[a])
            let reserve = facts.reserveName(a)
            let letting = LettingRecord(
                municipality: market.municipalities[Int(market.dwellings.municipality[d])],
                corporation: market.corporations[Int(market.dwellings.corporation[d])],
                groups: Set(facts.groupNames(allocation.lettingGroups[a])), persons: Int(market.households.persons[h]),
                social: market.dwellings.socialLabel[d] == .social, aboveDaebLimit: allocation.lettingAboveDaebLimit[a],
                benefitEligible: allocation.lettingBenefitEligible[a], passendException: allocation.lettingPassendException[a])
            return OfferRow(advert: market.adverts.ids[a], household: market.households.ids[h],
                            position: r >= 0 ? Int(allocation.position[r]) : nil, reservedFor: reserve.isEmpty ? nil : reserve,
                            letting: letting)
        }
    }
}

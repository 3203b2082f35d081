import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

extension AllocateCommand {
    /// A run recorded in the ledger. The ledger's commit is the one commit point: the outputs
    /// are staged beside `--out` first, the batch, its offers and where its outputs go are then
    /// committed together, and only then are the outputs swapped in and marked delivered. A run
    /// that fails before the commit leaves the ledger and `--out` as they were; one that stops
    /// after it leaves a delivery that the next run on the ledger completes
    /// (`Documentation/nightly-runs.md`).
    func runWithLedger(_ market: Market, _ policy: Policy, ledgerPath: String, started: Date, _ progress: Progress) throws -> CommandOutcome {
        // The survey of an earlier result in --out waits for the core the mechanism's rounds leave idle.
        let idleCore = Latch()
        defer { idleCore.open() }
        let surveying = BackgroundWork(after: idleCore) { [outPath] in OutputFolder.Survey(outPath) }
        let inputs = try AllocateCommand.Inputs(self)
        let id = batchID ?? "\(market.batch.referenceDate)-\(inputs.exportHash.prefix(12))"
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds, create: createLedger)
        do {
            return try run(on: ledger, ledgerPath: ledgerPath, id: id, inputs: inputs, surveyed: surveying, idleCore: idleCore,
                           market, policy, started: started, progress)
        } catch {
            // A ledger this run created and filled with nothing goes again: a failed first night
            // leaves no empty ledger behind to be mistaken for the year's.
            if ledger.created, (try? ledger.read { try $0.batchIDs() })?.isEmpty == true {
                for suffix in ["", "-journal"] { unlink(ledgerPath + suffix) }
            }
            throw error
        }
    }

    private func run(on ledger: Ledger, ledgerPath: String, id: String, inputs: Inputs, surveyed: BackgroundWork<OutputFolder.Survey, Never>, idleCore: Latch,
                     _ market: Market, _ policy: Policy, started: Date, _ progress: Progress) throws -> CommandOutcome {
        let exportHash = inputs.exportHash, policyHash = inputs.policyHash
        let ledgerName = Ledger.absolute(ledgerPath) + (ledger.created ? " (a new ledger, created by this run)" : "")
        let (delivered, deliveredText, notes) = try AllocateCommand.completeDeliveries(ledger)
        var stdout = deliveredText
        var warnings = policy.warnings
        var staged: OutputFolder.Staged?
        var vera: [(String, [UInt8])]?
        var recorded: BatchRecord?
        var summary: AllocationSummary?
        var withdrawn: Int?
        let body = { (tx: LedgerTransaction) throws -> Void in
            if let earlier = try tx.batch(id) {
                guard earlier.exportSHA256 == exportHash, earlier.policySHA256 == policyHash,
                      earlier.seed == policy.seed, earlier.mechanism == policy.mechanism.rawValue else {
                    var differences: [String] = []
                    if earlier.exportSHA256 != exportHash { differences.append("export \(earlier.exportSHA256.prefix(12)), now \(exportHash.prefix(12))") }
                    if earlier.policySHA256 != policyHash { differences.append("policy \(earlier.policySHA256.prefix(12)), now \(policyHash.prefix(12))") }
                    if earlier.seed != policy.seed { differences.append("seed \(earlier.seed), now \(policy.seed)") }
                    if earlier.mechanism != policy.mechanism.rawValue { differences.append("mechanism \(earlier.mechanism), now \(policy.mechanism.rawValue)") }
                    throw LedgerError(kind: .conflict, "batch \(id) was recorded on \(earlier.finishedAt) from other input (\(differences.joined(separator: "; "))); give another --batch-id")
                }
                recorded = earlier
                return
            }
            var market = market
            if !dryRun {
                let outcomes = AllocateCommand.outcomes(in: market)
                for (o, result) in zip(outcomes, try tx.record(outcomes, source: "export of batch \(id)").results) {
                    let what = "the export's outcome \(o.status.rawValue) of \(o.advert) for \(o.household)"
                    switch result {
                    case .recorded, .unchanged, .corrected: continue
                    case .unknownOffer:
                        warnings.append(.warning(.unknownAdvert, "\(what) matches no offer in the ledger; it is not recorded", at: nil))
                    case .beforeOffer(let day):
                        warnings.append(.warning(.invalidDate, "\(what) is dated \(o.date), before the offer of \(day); it is not recorded", at: nil))
                    case .housedElsewhere(let advert, let batch):
                        warnings.append(.warning(.invalidValue, "\(what) is an acceptance, but \(o.household) accepted \(advert) (batch \(batch)) already; it is not recorded (one home per household)", at: nil))
                    case .alreadyAnswered(let status, let date):
                        warnings.append(.warning(.invalidValue, "\(what) contradicts the answer \(status.rawValue)\(date.map { " of \($0)" } ?? "") the ledger holds; it is not recorded (thuis record-outcomes --correct changes an answer)", at: nil))
                    }
                }
            }
            var lapsed: [String] = []
            if let limit = policy.urgencyLapsesAfterRefusals {
                let refused = try tx.refusals().filter { $0.value >= limit }.keys
                let present = refused.compactMap { id in market.households.ids.index(of: id).map { (id, Int($0)) } }
                lapsed = present.map(\.0)
                market = market.removingPriorities(of: Set(present.map(\.1)))
            }
            let alreadyLet: [String: String]
            (alreadyLet, withdrawn) = try checkLifecycle(market, in: tx, batch: id, ledger: ledgerName)
            if let supersede {
                stdout += "Superseding batch \(supersede): \(withdrawn.map { "\($0) open offer(s)" } ?? "its open offers would be") withdrawn; "
                    + "\(alreadyLet.count) advert(s) it let are not offered again.\n"
            }
            if !dryRun { _ = try tx.setDeadlines(AllocateCommand.deadlines(in: market)) }
            var period = try YearToDate.state(for: policy, on: market.batch.referenceDate, in: tx)
            period.alreadyLet = alreadyLet
            period.offerHistory = try AllocateCommand.offerHistory(market, in: tx, ignoringOpenOffersOf: dryRun ? supersede : nil)
            if let stale = AllocateCommand.staleExportWarning(market, period.offerHistory) { warnings.append(stale) }
            for (name, count) in period.unplaced.sorted(by: { $0.key < $1.key }) {
                let scope = policy.quotas.first { $0.name == name }?.scope.rawValue ?? "area"
                warnings.append(.warning(.lettingsWithoutArea, "quota \(name) counts per \(scope), but \(count) letting(s) of its period were recorded before the ledger kept areas: they count in no \(scope), so its targets and counts leave them out", at: nil))
            }
            var (facts, runSummary) = try allocate(market, policy, period: period, lapsed: lapsed, inputs: { inputs }, progress: progress,
                                                   beforeRounds: idleCore.open)
            runSummary.ledgerBatch = id
            summary = runSummary
            let files = try AllocateCommand.render(facts, summary: runSummary)
            vera = veraResults(facts)
            stdout += written(runSummary)
            if dryRun {
                try OutputFolder.commit(files, to: outPath, surveyed: surveyed.value())
                return
            }
            let result = try OutputFolder.stage(files, for: outPath, surveyed: surveyed.value())
            staged = result
            PausePoint.beforeRecord.reach()
            let record = BatchRecord(
                id: id, peildatum: market.batch.referenceDate.description, region: market.batch.region,
                exportSHA256: exportHash, policySHA256: policyHash, seed: policy.seed, mechanism: policy.mechanism.rawValue,
                thuisVersion: ThuisVersion.current, startedAt: AllocateCommand.timestamp(started),
                finishedAt: AllocateCommand.timestamp(Date()), adverts: market.adverts.count,
                lettings: facts.allocation.lettings, summary: runSummary.text())
            try tx.record(record, offers: AllocateCommand.offerRows(facts, deadline: policy.offers.answerDays.map { market.batch.referenceDate.adding(days: $0) }))
            try tx.recordPublication(id, csv: String(decoding: files.first { $0.name == "publication.csv" }?.bytes ?? [], as: UTF8.self))
            try tx.recordDelivery(Delivery(batchID: id, target: result.target, staging: result.staging, manifestSHA256: result.manifestDigest))
            PausePoint.beforeCommit.reach()
        }
        do {
            if dryRun { try ledger.read { try body($0) } } else { try ledger.transaction { try body($0) } }
        } catch {
            if let staged { OutputFolder.discard(staged) }
            throw error
        }
        // The ledger's open and expired offers after this run, and for a batch recorded earlier
        // where its result went (not where this run pointed).
        let (waits, recordedTarget) = try ledger.read { tx in
            (try tx.offerWaits(on: market.batch.referenceDate), try recorded.flatMap { try tx.delivery(of: $0.id)?.target })
        }
        var report: AllocateRunReport
        if let recorded {
            stdout += recorded.summary + "\nBatch \(id) was already recorded on \(recorded.finishedAt) in \(ledgerName): nothing changed"
                + (recordedTarget.map { "; its result is in \($0)" } ?? "") + ".\n"
            report = AllocateRunReport(alreadyRecorded: id, out: recordedTarget ?? outPath, adverts: recorded.adverts, lettings: recorded.lettings)
        } else {
            report = AllocateRunReport(state: dryRun ? .dryRun : .recorded, out: outPath, summary: summary!)
            report.batch = id
            report.superseded = supersede
            report.withdrawnOffers = withdrawn
            report.warnings = warnings.map(\.message)
        }
        report.ledger = Ledger.absolute(ledgerPath)
        report.ledgerCreated = ledger.created
        (report.openOffers, report.openPastDeadline, report.expiredOffers) = (waits.open, waits.pastDeadline, waits.expired)
        report.delivered = delivered
        if recorded != nil { return try output(text: stdout, report: report, stderr: notes) }
        if let staged {
            PausePoint.beforeOutputs.reach()
            do {
                try OutputFolder.deliver(staged)
            } catch {
                throw CommandFailure(.cannotCreateOutput, "batch \(id) is recorded in \(ledgerName), but its outputs could not be put in place: \(error); they wait in \(staged.staging), and the next run on this ledger puts them there")
            }
            PausePoint.afterOutputs.reach()
            try ledger.transaction { try $0.markDelivered(id, at: AllocateCommand.timestamp(Date())) }
        }
        if recorded == nil { try writeVERA(vera) }
        progress.finish()
        stdout += dryRun ? "Dry run: nothing recorded in \(ledgerName).\n" : "Recorded batch \(id) in \(ledgerName).\n"
        return try output(text: stdout, report: report, stderr: notes + DiagnosticText.render(warnings))
    }

    /// The advert lifecycle: an advert whose latest offer is open or accepted is not offered
    /// again, unless that offer belongs to the batch this run supersedes: then its open offers
    /// are withdrawn (in this transaction) and its accepted adverts stay let. Adverts refused or
    /// withdrawn earlier are offered again. Returns the adverts already let, with how.
    /// Also returns how many open offers of the superseded batch were withdrawn (nil in a dry
    /// run, or without --supersede).
    func checkLifecycle(_ market: Market, in tx: LedgerTransaction, batch id: String,
                        ledger: String) throws -> (alreadyLet: [String: String], withdrawn: Int?) {
        if let supersede {
            guard try tx.batch(supersede) != nil else {
                throw CommandFailure(.unknownBatch, "--supersede \(supersede): the ledger \(ledger) holds no such batch")
            }
        }
        let latest = try tx.latestOffers(of: (0..<market.adverts.count).map { market.adverts.ids[$0] })
        var conflicts: [Diagnostic] = []
        var alreadyLet: [String: String] = [:]
        for (advert, earlier) in latest.sorted(by: { $0.key < $1.key }) {
            let who = "\(earlier.offer.household) in batch \(earlier.batchID) (\(earlier.offeredOn))"
            switch earlier.status {
            case .refused, .withdrawn: continue
            case .offered where earlier.batchID == supersede: continue
            case .allocated where earlier.batchID == supersede: alreadyLet[advert] = "already let: the offer to \(who) was accepted"
            case .offered:
                conflicts.append(.error(.advertAlreadyOffered, "advert \(advert) has an open offer to \(who); record its answer, or give --supersede \(earlier.batchID) to replace that batch", at: nil))
            case .allocated:
                conflicts.append(.error(.advertAlreadyOffered, "advert \(advert) is let: its offer to \(who) was accepted; leave it out of the export, or give --supersede \(earlier.batchID) to replace that batch", at: nil))
            }
        }
        if !conflicts.isEmpty {
            let shown = Array(conflicts.prefix(20))
            let more = conflicts.count > 20 ? [Diagnostic.error(.advertAlreadyOffered, "and \(conflicts.count - 20) more adverts like these; nothing was recorded", at: nil)] : []
            throw CommandFailure(shown + more)
        }
        guard let supersede, !dryRun else { return (alreadyLet, nil) }
        let withdrawn = try tx.withdrawOpenOffers(of: supersede, detailStatus: .offeredInError,
                                                  date: market.batch.referenceDate.description)
        return (alreadyLet, withdrawn)
    }

    /// Completes the deliveries of batches whose run stopped after the ledger's commit: the
    /// staged outputs go in place when the output folder may be replaced. Returns what it did
    /// (for stdout) and notes on what it could not do (for stderr); a delivery it cannot complete
    /// stays recorded.
    static func completeDeliveries(_ ledger: Ledger) throws -> (delivered: [String], text: String, notes: String) {
        var delivered: [String] = [], text = "", notes = ""
        try ledger.transaction { tx in
            for delivery in try tx.pendingDeliveries() {
                let staged = OutputFolder.Staged(target: delivery.target, staging: delivery.staging, manifestDigest: delivery.manifestSHA256)
                if OutputFolder.holds(delivery.target, manifestDigest: delivery.manifestSHA256) {
                    // In place already: the run died after putting it there, perhaps while removing
                    // the earlier result it had moved aside, which goes now.
                    OutputFolder.discard(staged)
                    OutputFolder.tidy(delivery.target)
                } else if OutputFolder.holds(delivery.staging, manifestDigest: delivery.manifestSHA256) {
                    do {
                        try OutputFolder.deliver(staged)
                        delivered.append(delivery.batchID)
                        text += "Delivered the outputs of batch \(delivery.batchID) to \(delivery.target), which an interrupted run had left staged.\n"
                    } catch {
                        notes += "thuis: note: the outputs of batch \(delivery.batchID) wait in \(delivery.staging) and cannot go to \(delivery.target) yet: \(error)\n"
                        continue
                    }
                } else {
                    notes += "thuis: note: the outputs of batch \(delivery.batchID) are neither in \(delivery.target) nor in \(delivery.staging); the ledger keeps the batch and its offers\n"
                    continue
                }
                try tx.markDelivered(delivery.batchID, at: timestamp(Date()))
            }
        }
        return (delivered, text, notes)
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

    /// What the ledger and the export's Aanbieding records say of the batch's households. The
    /// export's records count beside the ledger's (offers made before Thuis, or answers it has
    /// not recorded yet); `ignoringOpenOffersOf` leaves out a superseded batch's open offers,
    /// which a dry run does not withdraw.
    static func offerHistory(_ market: Market, in tx: LedgerTransaction, ignoringOpenOffersOf superseded: String?) throws -> OfferHistory {
        let households = (0..<market.households.count).map { market.households.ids[$0] }
        let adverts = Set((0..<market.adverts.count).map { market.adverts.ids[$0] })
        var history = try tx.offerHistory(of: households, adverts: adverts, ignoringOpenOffersOf: superseded)
        for o in 0..<market.offers.count {
            let advert = market.adverts.ids[Int(market.offers.advert[o])], detail = market.offers.detailStatus[o]
            history.add(market.offers.status[o], advert: advert, household: market.households.ids[Int(market.offers.household[o])],
                        made: "\(advert) (the export's Aanbieding \(market.offers.ids[o]), offered \(market.offers.date[o]))",
                        answered: nil, detail: detail.isEmpty ? nil : detail, keeping: true)
        }
        return history
    }

    /// The warning for an export that holds reactions of households the ledger has housed:
    /// exported before their acceptance was known, or a system that keeps housed households
    /// searching. They are not offered; the warning names them.
    static func staleExportWarning(_ market: Market, _ history: OfferHistory) -> Diagnostic? {
        let housed = history.housed.keys.compactMap { id in market.households.ids.index(of: id).map { (id, Int($0)) } }
            .filter { !market.reactions.ofHousehold($0.1).isEmpty }.sorted { $0.0 < $1.0 }
        guard !housed.isEmpty else { return nil }
        let reactions = housed.reduce(0) { $0 + market.reactions.ofHousehold($1.1).count }
        let names = housed.prefix(10).map(\.0).joined(separator: ", ") + (housed.count > 10 ? " and \(housed.count - 10) more" : "")
        return .warning(.staleExport, "the export holds \(reactions) reaction(s) of \(housed.count) household(s) the ledger has housed (\(names)): they are not offered (ALREADY_HOUSED in candidates.csv); the export looks stale", at: nil)
    }

    /// The answer deadlines the export's open Aanbieding records give (`vervaldatum`).
    static func deadlines(in market: Market) -> [(advert: String, household: String, deadline: Day)] {
        (0..<market.offers.count).compactMap { o in
            guard market.offers.status[o] == .offered, let expiry = market.offers.expiry[o] else { return nil }
            return (market.adverts.ids[Int(market.offers.advert[o])], market.households.ids[Int(market.offers.household[o])], expiry)
        }
    }

    /// The offers of a run, as the ledger keeps them, each with the answer deadline `deadline`.
    static func offerRows(_ facts: AllocationFacts, deadline: Day? = nil) -> [OfferRow] {
        let market = facts.market, allocation = facts.allocation
        return facts.advertIndices.filter { allocation.household[$0] >= 0 }.map { a in
            let h = Int(allocation.household[a]), d = Int(market.adverts.dwelling[a]), r = Int(allocation.reaction[a])
            let reserve = facts.reserveName(a)
            var letting = LettingRecord(
                municipality: market.municipalities[Int(market.dwellings.municipality[d])],
                corporation: market.corporations[Int(market.dwellings.corporation[d])],
                groups: Set(facts.groupNames(allocation.lettingGroups[a])), persons: Int(market.households.persons[h]),
                social: market.dwellings.socialLabel[d] == .social, aboveDaebLimit: allocation.lettingAboveDaebLimit[a],
                benefitEligible: allocation.lettingBenefitEligible[a], passendException: allocation.lettingPassendException[a])
            letting.areas = market.areaCodes(ofDwelling: d)
            return OfferRow(advert: market.adverts.ids[a], household: market.households.ids[h],
                            position: r >= 0 ? Int(allocation.position[r]) : nil, reservedFor: reserve.isEmpty ? nil : reserve,
                            letting: letting, deadline: deadline)
        }
    }
}

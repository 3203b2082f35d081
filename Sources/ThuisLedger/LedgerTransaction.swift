import Foundation
import GRDB
import ThuisCore

/// The ledger inside one transaction.
public struct LedgerTransaction {
    let db: Database

    /// The batch recorded under `id`, if any.
    public func batch(_ id: String) throws -> BatchRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE id = ?", arguments: [id]) else { return nil }
        return BatchRecord(id: row["id"], peildatum: row["peildatum"], region: row["region"], exportSHA256: row["export_sha256"],
                           policySHA256: row["policy_sha256"], seed: UInt64(row["seed"] as Int64), mechanism: row["mechanism"],
                           thuisVersion: row["thuis_version"], startedAt: row["started_at"], finishedAt: row["finished_at"],
                           adverts: row["adverts"], lettings: row["lettings"], summary: row["summary"])
    }

    /// The ids of all recorded batches, oldest first.
    public func batchIDs() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM batch ORDER BY peildatum, finished_at, id")
    }

    /// Records a batch and its offers.
    public func record(_ batch: BatchRecord, offers: [OfferRow]) throws {
        try db.execute(sql: """
            INSERT INTO batch (id, peildatum, region, export_sha256, policy_sha256, seed, mechanism, thuis_version,
                               started_at, finished_at, adverts, lettings, summary)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [batch.id, batch.peildatum, batch.region, batch.exportSHA256, batch.policySHA256, Int64(bitPattern: batch.seed),
                             batch.mechanism, batch.thuisVersion, batch.startedAt, batch.finishedAt, batch.adverts, batch.lettings,
                             batch.summary])
        let statement = try db.makeStatement(sql: """
            INSERT INTO offer (batch_id, advert_id, household_id, offered_on, municipality, corporation, position, reserved_for,
                               groups, persons, social, above_daeb, benefit_eligible, passend_exception, refusals_before, deadline,
                               stadsdeel, wijk, buurt, complex)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    (SELECT COUNT(*) FROM offer WHERE household_id = ? AND status = 'GEW'), ?, ?, ?, ?, ?)
            """)
        for o in offers {
            let l = o.letting
            try statement.execute(arguments: [batch.id, o.advert, o.household, batch.peildatum, l.municipality, l.corporation, o.position,
                                              o.reservedFor, l.groups.sorted().joined(separator: ";"), l.persons, l.social, l.aboveDaebLimit,
                                              l.benefitEligible, l.passendException, o.household, o.deadline?.description,
                                              l.areas[.borough], l.areas[.district], l.areas[.neighbourhood], l.areas[.complex]])
        }
    }

    /// Records lettings made before Thuis (`thuis ledger import-lettings`) as batch `batch`: each
    /// an offer accepted on its own day, so that the period's floors and legal caps count it and
    /// its household is housed. Each advert must have no open or accepted offer in the ledger and
    /// each household no accepted one: returns the rows (indices) that do, recording nothing then.
    public func importLettings(_ batch: BatchRecord, lettings: [(day: Day, offer: OfferRow)]) throws -> [(row: Int, problem: String)] {
        var problems: [(row: Int, problem: String)] = []
        let live = try latestOffers(of: lettings.map(\.offer.advert))
        let housed = try db.cachedStatement(sql: "SELECT advert_id, batch_id FROM offer WHERE household_id = ? AND status = 'TOE' LIMIT 1")
        for (i, letting) in lettings.enumerated() {
            if let earlier = live[letting.offer.advert], earlier.status == .offered || earlier.status == .allocated {
                problems.append((i, "advert \(letting.offer.advert) has \(earlier.status == .offered ? "an open" : "an accepted") offer in the ledger (batch \(earlier.batchID), \(earlier.offeredOn))"))
            } else if let other = try Row.fetchOne(housed, arguments: [letting.offer.household]) {
                problems.append((i, "household \(letting.offer.household) accepted \(other["advert_id"] as String) (batch \(other["batch_id"] as String)) already: one home per household"))
            }
        }
        guard problems.isEmpty else { return problems }
        try record(batch, offers: [])
        let statement = try db.makeStatement(sql: """
            INSERT INTO offer (batch_id, advert_id, household_id, offered_on, municipality, corporation, position, reserved_for,
                               groups, persons, social, above_daeb, benefit_eligible, passend_exception, status, outcome_date, answer_known_after,
                               stadsdeel, wijk, buurt, complex)
            VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, 'TOE', ?, ?, ?, ?, ?, ?)
            """)
        let known = try knownAfter()
        for (day, o) in lettings {
            let l = o.letting
            try statement.execute(arguments: [batch.id, o.advert, o.household, day.description, l.municipality, l.corporation,
                                              l.groups.sorted().joined(separator: ";"), l.persons, l.social, l.aboveDaebLimit,
                                              l.benefitEligible, l.passendException, day.description, known,
                                              l.areas[.borough], l.areas[.district], l.areas[.neighbourhood], l.areas[.complex]])
        }
        return []
    }

    /// Records answers to offers, each to the latest offer of its advert to its household,
    /// under the offer lifecycle: an open offer takes its answer; an answered offer keeps its
    /// answer (the same answer again changes nothing) unless `correcting`, when the new answer
    /// replaces it and the old one goes to `outcome_history` with `source`; an answer dated
    /// before its offer, or to no offer, is not recorded. Returns what became of each answer, in
    /// order; one indexed look-up per answer.
    ///
    /// An accepted offer houses its household: its other open offers are withdrawn in the same
    /// transaction (ING, detail status AND, andere woning geaccepteerd), and their adverts are
    /// free for the next batch.
    public func record(_ outcomes: [OfferOutcome], correcting: Bool = false, source: String) throws -> RecordedOutcomes {
        let find = try db.cachedStatement(sql: """
            SELECT rowid, batch_id, status, offered_on, outcome_date FROM offer WHERE advert_id = ? AND household_id = ?
            ORDER BY offered_on DESC, batch_id DESC LIMIT 1
            """)
        let update = try db.cachedStatement(sql: """
            UPDATE offer SET status = ?, detail_status = ?, outcome_date = ?, answer_known_after = ? WHERE rowid = ?
            """)
        let known = try knownAfter()
        let housed = try db.cachedStatement(sql: "SELECT advert_id, batch_id FROM offer WHERE household_id = ? AND status = 'TOE' AND rowid != ? LIMIT 1")
        let history = try db.cachedStatement(sql: """
            INSERT INTO outcome_history (batch_id, advert_id, household_id, old_status, old_date, new_status, new_date, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var results: [OutcomeResult] = []
        var withdrawn = 0
        results.reserveCapacity(outcomes.count)
        for o in outcomes {
            guard let row = try Row.fetchOne(find, arguments: [o.advert, o.household]) else {
                results.append(.unknownOffer)
                continue
            }
            let offeredOn: String = row["offered_on"], current: String = row["status"], rowID: Int64 = row["rowid"]
            if o.date < offeredOn {
                results.append(.beforeOffer(offeredOn))
                continue
            }
            let detail = o.detailStatus.isEmpty ? nil : o.detailStatus
            if o.status == .allocated, current != OfferStatus.allocated.rawValue,
               let other = try Row.fetchOne(housed, arguments: [o.household, rowID]) {
                results.append(.housedElsewhere(other["advert_id"], other["batch_id"]))
                continue
            }
            if current != OfferStatus.offered.rawValue {
                let answeredOn: String? = row["outcome_date"]
                if current == o.status.rawValue && answeredOn == o.date {
                    results.append(.unchanged)
                    continue
                }
                guard correcting else {
                    results.append(.alreadyAnswered(OfferStatus(rawValue: current) ?? .offered, answeredOn))
                    continue
                }
                try history.execute(arguments: [row["batch_id"] as String, o.advert, o.household, current, answeredOn, o.status.rawValue, o.date, source])
                try update.execute(arguments: [o.status.rawValue, detail, o.date, known, rowID])
                results.append(.corrected)
            } else {
                try update.execute(arguments: [o.status.rawValue, detail, o.date, known, rowID])
                results.append(.recorded)
            }
            if o.status == .allocated {
                withdrawn += try withdrawOpenOffers(ofHousehold: o.household, except: rowID, date: o.date, known: known)
            }
        }
        return RecordedOutcomes(results: results, withdrawnByAcceptance: withdrawn)
    }

    /// The ledger's number of batches so far: an answer recorded now is known to every batch
    /// recorded from now on (`answer_known_after`).
    private func knownAfter() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT IFNULL(MAX(rowid), 0) FROM batch") ?? 0
    }

    /// Withdraws a housed household's other open offers (ING, AND); returns how many.
    private func withdrawOpenOffers(ofHousehold household: String, except rowID: Int64, date: String, known: Int64) throws -> Int {
        try db.cachedStatement(sql: """
            UPDATE offer SET status = 'ING', detail_status = ?, outcome_date = MAX(?, offered_on), answer_known_after = ?
            WHERE household_id = ? AND status = 'AAN' AND rowid != ?
            """).execute(arguments: [OfferDetailStatus.otherDwellingAccepted.rawValue, date, known, household, rowID])
        return db.changesCount
    }

    /// Refused offers per household.
    public func refusals() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT household_id, COUNT(*) AS n FROM offer WHERE status = 'GEW' GROUP BY household_id") {
            counts[row["household_id"]] = row["n"]
        }
        return counts
    }

    /// Offers that count as lettings of a period (accepted, or still open), from `from` up to but
    /// not including `until` (ISO dates).
    public func lettings(from: String, until: String) throws -> [LettingRecord] {
        try Row.fetchAll(db, sql: """
            SELECT municipality, corporation, groups, persons, social, above_daeb, benefit_eligible, passend_exception,
                   stadsdeel, wijk, buurt, complex
            FROM offer WHERE offered_on >= ? AND offered_on < ? AND status IN ('AAN', 'TOE')
            """, arguments: [from, until]).map(Self.letting)
    }

    /// The lettings offered in [from, until) as batch `batchID` saw them when it ran: offers of
    /// batches recorded before it, open or accepted then (an answer recorded after it ran was not
    /// known to it, so that offer still counted as open).
    public func lettings(from: String, until: String, asSeenBy batchID: String) throws -> [LettingRecord] {
        guard let seenBy = try Int64.fetchOne(db, sql: "SELECT rowid FROM batch WHERE id = ?", arguments: [batchID]) else {
            throw LedgerError(kind: .other, "the ledger holds no batch \(batchID)")
        }
        return try Row.fetchAll(db, sql: """
            SELECT o.municipality, o.corporation, o.groups, o.persons, o.social, o.above_daeb, o.benefit_eligible, o.passend_exception,
                   o.stadsdeel, o.wijk, o.buurt, o.complex
            FROM offer o JOIN batch b ON b.id = o.batch_id
            WHERE o.offered_on >= ? AND o.offered_on < ? AND b.rowid < ?
              AND (o.status IN ('AAN', 'TOE') OR IFNULL(o.answer_known_after, 0) >= ?)
            """, arguments: [from, until, seenBy, seenBy]).map(Self.letting)
    }

    /// Every offer of a period with its batch and outcome, for reports, in the order they were made.
    public func offers(from: String, until: String) throws -> [RecordedOffer] {
        try Row.fetchAll(db, sql: "SELECT * FROM offer WHERE offered_on >= ? AND offered_on < ? ORDER BY offered_on, batch_id, advert_id",
                         arguments: [from, until]).map(Self.recordedOffer)
    }

    /// The latest offer of each of `adverts` that the ledger holds (by day, then batch id): the
    /// advert's state (offered, accepted, refused, withdrawn); absent for an advert never offered.
    public func latestOffers(of adverts: [String]) throws -> [String: RecordedOffer] {
        var latest: [String: RecordedOffer] = [:]
        var start = 0
        while start < adverts.count {
            let chunk = Array(adverts[start..<min(start + 500, adverts.count)])
            start += chunk.count
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM offer WHERE advert_id IN (\(marks)) ORDER BY offered_on, batch_id",
                                        arguments: StatementArguments(chunk)) {
                let offer = try Self.recordedOffer(row)
                latest[offer.offer.advert] = offer
            }
        }
        return latest
    }

    /// Withdraws the offers of batch `batchID` that are still open (status ING with
    /// `detailStatus`, dated `date`); accepted, refused and withdrawn offers stay as they are.
    /// Returns how many were withdrawn.
    public func withdrawOpenOffers(of batchID: String, detailStatus: OfferDetailStatus, date: String) throws -> Int {
        try db.execute(sql: """
            UPDATE offer SET status = 'ING', detail_status = ?, outcome_date = ?, answer_known_after = ?
            WHERE batch_id = ? AND status = 'AAN'
            """, arguments: [detailStatus.rawValue, date, try knownAfter(), batchID])
        return db.changesCount
    }

    /// Withdraws the open offers whose deadline lies before `day` and that `include` selects
    /// (ING, detail status REA, reactietermijn verlopen, dated `day`): their adverts go to the
    /// next batch. An offer without a deadline of its own gets `answerDays` after it was made,
    /// when given. Returns the offers withdrawn, oldest first.
    public func expireOffers(before day: Day, answerDays: Int? = nil, where include: (RecordedOffer) -> Bool = { _ in true }) throws -> [RecordedOffer] {
        let past = answerDays.map { "(deadline < ? OR (deadline IS NULL AND date(offered_on, '+\($0) days') < ?))" } ?? "deadline < ?"
        let arguments: StatementArguments = answerDays == nil ? [day.description] : [day.description, day.description]
        let withdraw = try db.cachedStatement(sql: "UPDATE offer SET status = 'ING', detail_status = ?, outcome_date = ?, answer_known_after = ? WHERE rowid = ?")
        let known = try knownAfter()
        var expired: [RecordedOffer] = []
        for row in try Row.fetchAll(db, sql: "SELECT rowid, * FROM offer WHERE status = 'AAN' AND \(past) ORDER BY offered_on, batch_id, advert_id",
                                    arguments: arguments) {
            let offer = try Self.recordedOffer(row)
            guard include(offer) else { continue }
            try withdraw.execute(arguments: [OfferDetailStatus.answerPeriodExpired.rawValue, day.description, known, row["rowid"] as Int64])
            expired.append(offer)
        }
        return expired
    }

    /// Sets the answer deadline of open offers, as an export's Aanbieding (`vervaldatum`) gives
    /// it: each to the latest open offer of its advert to its household. Returns how many changed.
    public func setDeadlines(_ deadlines: [(advert: String, household: String, deadline: Day)]) throws -> Int {
        var changed = 0
        for d in deadlines {
            try db.execute(sql: """
                UPDATE offer SET deadline = ? WHERE status = 'AAN' AND advert_id = ? AND household_id = ?
                AND (deadline IS NULL OR deadline != ?)
                """, arguments: [d.deadline.description, d.advert, d.household, d.deadline.description])
            changed += db.changesCount
        }
        return changed
    }

    /// What the ledger knows of `households`' offers, as a batch recorded after every batch so
    /// far sees it, or (with `batchID`) as that batch saw it when it ran: offers of batches
    /// recorded before it, answers recorded before it. Refusals count only for `adverts`; the
    /// open offers of batch `superseded` do not count (a dry run of its replacement).
    public func offerHistory(of households: [String], adverts: Set<String>, asSeenBy batchID: String? = nil,
                             ignoringOpenOffersOf superseded: String? = nil) throws -> OfferHistory {
        var history = OfferHistory()
        let seenBy: Int64? = try batchID.map { id in
            guard let rowID = try Int64.fetchOne(db, sql: "SELECT rowid FROM batch WHERE id = ?", arguments: [id]) else {
                throw LedgerError(kind: .other, "the ledger holds no batch \(id)")
            }
            return rowID
        }
        var filter = "", arguments: StatementArguments = []
        if let seenBy {
            filter = " AND b.rowid < ?"
            arguments += [seenBy]
        }
        func add(_ row: Row) throws {
            let offer = try Self.recordedOffer(row)
            var status = offer.status
            // An answer recorded after the batch ran was not known to it: the offer was open.
            if let seenBy, status != .offered, let known: Int64 = row["answer_known_after"], known >= seenBy { status = .offered }
            let o = offer.offer
            if status == .offered && offer.batchID == superseded { return }
            if (status == .refused || status == .withdrawn) && !adverts.contains(o.advert) { return }
            history.add(status, advert: o.advert, household: o.household, made: "\(o.advert) (batch \(offer.batchID), offered \(offer.offeredOn))",
                        answered: status == .offered ? nil : offer.outcomeDate, detail: offer.detailStatus)
        }
        let offers = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM offer") ?? 0
        if offers <= households.count {
            // A ledger with fewer offers than the batch has households (a region's year against a
            // night's 170,000 households): one pass over its offers.
            let wanted = Set(households)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT o.*, b.rowid AS batch_row FROM offer o JOIN batch b ON b.id = o.batch_id
                WHERE 1\(filter) ORDER BY o.offered_on, o.batch_id, o.advert_id
                """, arguments: arguments)
            while let row = try rows.next() {
                if wanted.contains(row["household_id"] as String) { try add(row) }
            }
            return history
        }
        var start = 0
        while start < households.count {
            let chunk = Array(households[start..<min(start + 500, households.count)])
            start += chunk.count
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT o.*, b.rowid AS batch_row FROM offer o JOIN batch b ON b.id = o.batch_id
                WHERE o.household_id IN (\(marks))\(filter) ORDER BY o.offered_on, o.batch_id, o.advert_id
                """, arguments: StatementArguments(chunk) + arguments) {
                try add(row)
            }
        }
        return history
    }

    /// Households that hold more than one accepted offer, with the adverts (a ledger from before
    /// the ledger decided who may be offered can hold them).
    public func householdsHousedTwice() throws -> [(household: String, adverts: [String])] {
        try Row.fetchAll(db, sql: """
            SELECT household_id, GROUP_CONCAT(advert_id, ';') AS adverts FROM
              (SELECT household_id, advert_id FROM offer WHERE status = 'TOE' ORDER BY offered_on, advert_id)
            GROUP BY household_id HAVING COUNT(*) > 1 ORDER BY household_id
            """).map { ($0["household_id"], ($0["adverts"] as String).split(separator: ";").map(String.init)) }
    }

    private static func recordedOffer(_ row: Row) throws -> RecordedOffer {
        let status: String = row["status"], offeredOn: String = row["offered_on"], outcomeDate: String? = row["outcome_date"]
        guard let offerStatus = OfferStatus(rawValue: status), let day = Day(iso: offeredOn) else {
            throw LedgerError(kind: .other, "the ledger holds an offer of \(row["advert_id"] as String) with status '\(status)' on '\(offeredOn)', which this version of Thuis does not know")
        }
        return RecordedOffer(batchID: row["batch_id"], offeredOn: day,
                             offer: OfferRow(advert: row["advert_id"], household: row["household_id"], position: row["position"],
                                             reservedFor: row["reserved_for"], letting: letting(row),
                                             deadline: (row["deadline"] as String?).flatMap { Day(iso: $0) }),
                             refusalsBefore: row["refusals_before"], status: offerStatus, detailStatus: row["detail_status"],
                             outcomeDate: outcomeDate.flatMap { Day(iso: $0) })
    }

    private static func letting(_ row: Row) -> LettingRecord {
        var letting = LettingRecord(municipality: row["municipality"], corporation: row["corporation"],
                                    groups: Set((row["groups"] as String).split(separator: ";").map(String.init)), persons: row["persons"],
                                    social: row["social"], aboveDaebLimit: row["above_daeb"], benefitEligible: row["benefit_eligible"],
                                    passendException: row["passend_exception"])
        for kind in AreaKind.allCases {
            if let value = row[Ledger.areaColumn(kind)] as String? { letting.areas[kind] = value }
        }
        return letting
    }

    /// Records where a batch's outputs go: staged at `staging`, to be put at `target`.
    public func recordDelivery(_ delivery: Delivery) throws {
        try db.execute(sql: "INSERT INTO delivery (batch_id, target, staging, manifest_sha256) VALUES (?, ?, ?, ?)",
                       arguments: [delivery.batchID, delivery.target, delivery.staging, delivery.manifestSHA256])
    }

    /// Deliveries recorded but not yet known to have arrived, oldest batch first.
    public func pendingDeliveries() throws -> [Delivery] {
        try Row.fetchAll(db, sql: """
            SELECT d.* FROM delivery d JOIN batch b ON b.id = d.batch_id
            WHERE d.delivered_at IS NULL ORDER BY b.peildatum, b.finished_at, b.id
            """).map { Delivery(batchID: $0["batch_id"], target: $0["target"], staging: $0["staging"], manifestSHA256: $0["manifest_sha256"]) }
    }

    /// Keeps a batch's publication.csv.
    public func recordPublication(_ batchID: String, csv: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO publication (batch_id, csv) VALUES (?, ?)", arguments: [batchID, csv])
    }

    /// A batch's publication.csv; nil for a batch recorded before the ledger kept them.
    public func publication(of batchID: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT csv FROM publication WHERE batch_id = ?", arguments: [batchID])
    }

    /// The accepted offers of a batch: advert to the day of the acceptance.
    public func acceptedOffers(of batchID: String) throws -> [String: String] {
        var accepted: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT advert_id, outcome_date FROM offer WHERE batch_id = ? AND status = 'TOE'", arguments: [batchID]) {
            accepted[row["advert_id"]] = row["outcome_date"] ?? ""
        }
        return accepted
    }

    /// Notes that a batch's outputs are in place.
    public func markDelivered(_ batchID: String, at timestamp: String) throws {
        try db.execute(sql: "UPDATE delivery SET delivered_at = ? WHERE batch_id = ?", arguments: [timestamp, batchID])
    }

    /// Where a batch's outputs went (its delivery), if the ledger recorded one.
    public func delivery(of batchID: String) throws -> Delivery? {
        try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE batch_id = ?", arguments: [batchID]).map {
            Delivery(batchID: $0["batch_id"], target: $0["target"], staging: $0["staging"], manifestSHA256: $0["manifest_sha256"])
        }
    }

    /// The open offers, those of them past their deadline on `day`, and the offers withdrawn
    /// after their deadline (ING, REA), over the whole ledger.
    public func offerWaits(on day: Day) throws -> (open: Int, pastDeadline: Int, expired: Int) {
        let row = try Row.fetchOne(db, sql: """
            SELECT SUM(status = 'AAN') AS open, SUM(status = 'AAN' AND deadline IS NOT NULL AND deadline < ?) AS late,
                   SUM(status = 'ING' AND detail_status = 'REA') AS expired FROM offer
            """, arguments: [day.description])
        return (row?["open"] ?? 0, row?["late"] ?? 0, row?["expired"] ?? 0)
    }

    /// Offers per status, over the whole ledger.
    public func offerCounts() throws -> [OfferStatus: Int] {
        var counts: [OfferStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM offer GROUP BY status") {
            if let status = OfferStatus(rawValue: row["status"]) { counts[status] = row["n"] }
        }
        return counts
    }

    /// Open offers (not yet answered), oldest first.
    public func openOffers() throws -> [RecordedOffer] {
        try Row.fetchAll(db, sql: "SELECT * FROM offer WHERE status = 'AAN' ORDER BY offered_on, batch_id, advert_id").map(Self.recordedOffer)
    }

    /// The recorded batches, oldest first.
    public func batches() throws -> [BatchRecord] {
        try batchIDs().compactMap { try batch($0) }
    }

    /// SQLite's integrity check: `ok`, or its complaints.
    public func integrityCheck() throws -> String {
        try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
    }
}

import ThuisCore

/// Checks an allocation from its own files: every letting, every reaction's stated outcome,
/// every cap and floor of the quota report, recounted from allocations.csv and candidates.csv
/// and the year-to-date figures in summary.json. What `thuis verify` runs; `Documentation/
/// outputs.md` lists the checks.
///
/// It trusts nothing it can recount: the outcome a row claims ("housed at an advert it
/// preferred", "turned away by cap X") is checked against the other rows, so a folder edited by
/// hand (a swapped letting, a letting to an ineligible reaction, a cap exceeded) fails, located
/// at the row that no longer holds.
public struct ResultCheck {
    let tables: ResultTables
    let summary: AllocationSummary
    let folder: String
    /// Which reactions candidates.csv lists: with `none`, what needs its rows is not checked.
    let content: CandidatesContent
    /// Problems found, in the order of the checks.
    public private(set) var problems: [Diagnostic] = []
    /// What was checked, for the closing line.
    public private(set) var counts = (lettings: 0, reactions: 0, quotas: 0)

    /// Per household (index into the tables' households): the advert (row) it is let, or -1.
    private var housedAt: [Int] = []
    /// Per advert row: its candidate rows.
    private var rowsOfAdvert: [[Int]] = []
    /// (advert row, household) to candidate row.
    private var rowOf: [Int64: Int] = [:]
    /// Per quota-report scope: its rows.
    private var quotaRowsOfScope: [String: [Int]] = [:]

    /// Checks the folder's three tables (bytes as read) against each other and against `summary`.
    /// `publication` (publication.csv, when the folder has it) gives each advert's reactions,
    /// which candidates.csv must hold. `content` is which reactions `candidates` lists (by
    /// default what summary.json records).
    public static func run(folder: String, allocations: [UInt8], candidates: [UInt8], quotaReport: [UInt8],
                           summary: AllocationSummary, publication: [UInt8] = [], content: CandidatesContent? = nil) -> ResultCheck {
        let content = content ?? summary.candidatesContent ?? .all
        let tables: ResultTables
        do {
            tables = try ResultTables(allocations: allocations, candidates: candidates, quotaReport: quotaReport, folder: folder, content: content)
        } catch let diagnostic as Diagnostic {
            var check = ResultCheck(tables: ResultTables(), summary: summary, folder: folder, content: content)
            check.problems = [diagnostic]
            return check
        } catch {
            var check = ResultCheck(tables: ResultTables(), summary: summary, folder: folder, content: content)
            check.problems = [Diagnostic.error(.notAResult, "\(error)", at: nil)]
            return check
        }
        var check = ResultCheck(tables: tables, summary: summary, folder: folder, content: content)
        check.index()
        check.checkCounts()
        if !publication.isEmpty { check.checkPublication(publication) }
        check.checkLettings()
        check.checkPositions()
        check.checkOutcomes()
        check.checkCaps()
        check.checkFloors()
        check.counts = (tables.lettings.filter(\.isLet).count, tables.candidates.count, tables.quotas.count)
        return check
    }

    private init(tables: ResultTables, summary: AllocationSummary, folder: String, content: CandidatesContent) {
        self.tables = tables
        self.summary = summary
        self.folder = folder
        self.content = content
    }

    private mutating func problem(_ code: DiagnosticCode, _ file: String, _ line: Int, _ message: String) {
        problems.append(.error(code, message, at: SourceLocation(file: "\(folder)/\(file)", line: line, column: 1)))
    }

    private static func key(_ advert: Int, _ household: Int32) -> Int64 { Int64(advert) << 32 | Int64(household) }

    private func household(_ c: ResultTables.Candidate) -> String { tables.householdIDs[Int(c.household)] }
    private func advert(_ c: ResultTables.Candidate) -> ResultTables.Letting { tables.lettings[Int(c.advert)] }

    // MARK: Lettings

    private mutating func index() {
        for (i, q) in tables.quotas.enumerated() { quotaRowsOfScope[q.scope, default: []].append(i) }
        rowsOfAdvert = Array(repeating: [], count: tables.lettings.count)
        housedAt = Array(repeating: -1, count: tables.householdIDs.count)
        for (i, c) in tables.candidates.enumerated() {
            rowsOfAdvert[Int(c.advert)].append(i)
            if rowOf.updateValue(i, forKey: Self.key(Int(c.advert), c.household)) != nil {
                problem(.notAResult, "candidates.csv", Int(c.line), "\(household(c)) reacts to \(advert(c).advert) twice")
            }
        }
    }

    /// The rows against the run's own counts in summary.json: a reaction's row deleted or added
    /// by hand (places can still run 1 to n) changes how many there are.
    private mutating func checkCounts() {
        let batch = summary.batch
        guard content != .none else {
            if tables.lettings.count != batch.adverts {
                problem(.reportMismatch, "allocations.csv", (tables.lettings.last?.line ?? 1) + 1,
                        "\(tables.lettings.count) adverts in the file, but summary.json counts \(batch.adverts): a row was added or deleted")
            }
            return
        }
        let rows = tables.candidates.count, eligible = tables.candidates.lazy.filter(\.eligible).count
        let listed = content == .all ? batch.reactions : batch.eligibleReactions
        if rows != listed || eligible != batch.eligibleReactions || tables.lettings.count != batch.adverts {
            let end = (tables.candidates.last.map { Int($0.line) } ?? 1) + 1
            let only = content == .eligible ? ", which candidates.csv lists alone" : ""
            problem(.reportMismatch, "candidates.csv", end,
                    "\(tables.lettings.count) adverts and \(rows) reactions (\(eligible) eligible) in the files, but summary.json counts \(batch.adverts) adverts and \(batch.reactions) reactions (\(batch.eligibleReactions) eligible\(only)): a row was added or deleted")
        }
    }

    /// Each advert's reactions and eligible reactions in candidates.csv against publication.csv:
    /// a row deleted from candidates.csv shows at its advert, whatever its place; and every
    /// letting of allocations.csv has its row.
    private mutating func checkPublication(_ bytes: [UInt8]) {
        var advertRow: [String: Int] = [:]
        for (a, letting) in tables.lettings.enumerated() { advertRow[letting.advert] = a }
        var columns: (advert: Int, reactions: Int, eligible: Int)?
        var listed = [Bool](repeating: false, count: tables.lettings.count)
        var end = 2   // the line after the last row: where a missing row is reported
        do {
            try CSVReader.forEachRecord(bytes, file: "\(folder)/publication.csv") { record in
                let texts = record.map(\.text)
                guard let c = columns else {
                    guard let advert = texts.firstIndex(of: "advert_id"), let reactions = texts.firstIndex(of: "reactions"),
                          let eligible = texts.firstIndex(of: "eligible") else {
                        throw Diagnostic.error(.notAResult, "the header is not Thuis's publication.csv (advert_id, reactions, eligible)",
                                               at: SourceLocation(file: "\(folder)/publication.csv", line: 1, column: 1))
                    }
                    columns = (advert, reactions, eligible)
                    return
                }
                guard texts.count > max(c.advert, c.reactions, c.eligible) else { return }
                let line = record[0].line
                end = line + 1
                guard let a = advertRow[texts[c.advert]] else {
                    problem(.reportMismatch, "publication.csv", line, "\(texts[c.advert]) is not an advert of allocations.csv")
                    return
                }
                listed[a] = true
                guard content != .none else { return }
                let rows = rowsOfAdvert[a], candidates = tables.candidates
                let eligible = rows.filter { candidates[$0].eligible }.count
                // A file of eligible reactions alone is checked against the eligible count only.
                if (content == .all && String(rows.count) != texts[c.reactions]) || String(eligible) != texts[c.eligible] {
                    problem(.reportMismatch, "publication.csv", line,
                            "\(texts[c.advert]) had \(texts[c.reactions]) reactions (\(texts[c.eligible]) eligible), but candidates.csv holds \(rows.count) (\(eligible) eligible): a row was added or deleted")
                }
            }
            guard columns != nil else { return }
            for (a, letting) in tables.lettings.enumerated() where !listed[a] && letting.isLet {
                problem(.reportMismatch, "publication.csv", end,
                        "\(letting.advert) (allocations.csv line \(letting.line)) was let, but has no row: every letting is published with its reactions")
            }
        } catch let diagnostic as Diagnostic {
            problems.append(diagnostic)
        } catch {
            problems.append(.error(.notAResult, "\(error)", at: SourceLocation(file: "\(folder)/publication.csv", line: 1, column: 1)))
        }
    }

    /// One advert per household and one household per advert; each letting through an eligible
    /// reaction whose row says so.
    private mutating func checkLettings() {
        var firstLine: [String: Int] = [:]
        for (a, letting) in tables.lettings.enumerated() {
            guard let h = letting.household else {
                if ["ranking", "lottery", "direct"].contains(letting.how) {
                    problem(.reportMismatch, "allocations.csv", letting.line, "\(letting.advert) is unlet but its how is \(letting.how)")
                }
                continue
            }
            if !["ranking", "lottery", "direct"].contains(letting.how) {
                problem(.reportMismatch, "allocations.csv", letting.line, "\(letting.advert) is let to \(h) but its how is \(letting.how)")
            }
            if let earlier = firstLine.updateValue(letting.line, forKey: h) {
                problem(.doubleLetting, "allocations.csv", letting.line, "\(h) is let \(letting.advert) and, on line \(earlier), another advert: one advert per household")
                continue
            }
            let index = tables.householdIndex[h]
            if let index { housedAt[Int(index)] = a }
            guard let index, let row = rowOf[Self.key(a, index)] else {
                if letting.how != "direct" && content != .none {
                    problem(.ineligibleLetting, "allocations.csv", letting.line, "\(letting.advert) is let to \(h), which has no \(content == .eligible ? "eligible " : "")reaction to it in candidates.csv")
                }
                continue
            }
            let c = tables.candidates[row]
            if !c.eligible {
                problem(.ineligibleLetting, "allocations.csv", letting.line, "\(letting.advert) is let to \(h), whose reaction is not eligible (candidates.csv line \(c.line))")
            } else if letting.how != "direct" && letting.position != Int(c.position) {
                problem(.reportMismatch, "allocations.csv", letting.line, "position \(letting.position.map(String.init) ?? "none") of \(h) at \(letting.advert); candidates.csv line \(c.line) says \(c.position)")
            }
        }
    }

    /// At each ranked advert the eligible reactions hold places 1...n, once each.
    private mutating func checkPositions() {
        guard content != .none else { return }
        for (a, letting) in tables.lettings.enumerated() where letting.how != "direct" && letting.how != "unlet_direct" {
            let places = rowsOfAdvert[a].map { tables.candidates[$0] }.filter(\.eligible).map { Int($0.position) }.sorted()
            if places != Array(stride(from: 1, through: places.count, by: 1)) {
                problem(.reportMismatch, "allocations.csv", letting.line, "the eligible reactions to \(letting.advert) do not hold places 1 to \(places.count) once each in candidates.csv")
            }
        }
    }

    // MARK: Outcomes

    /// Each eligible reaction's outcome is true of the files. Together these leave no blocking
    /// pair unexplained: a reaction ranked above its advert's holder (or at an unlet advert) must
    /// claim one of the reasons below, and each claim is checked.
    private mutating func checkOutcomes() {
        let da = summary.run.mechanism == Mechanism.deferredAcceptance.rawValue
        for c in tables.candidates {
            let a = Int(c.advert), letting = advert(c), h = household(c)
            guard c.eligible else {
                if case .offerHistory = c.outcome {
                    // The ledger's reasons: the reaction is out of the ranking, like any other exclusion.
                } else if c.outcome != .none {
                    problem(.falseClaim, "candidates.csv", Int(c.line), "\(h) is not eligible for \(letting.advert) but has an outcome")
                }
                continue
            }
            let x = housedAt[Int(c.household)]
            let housedRow = x >= 0 ? rowOf[Self.key(x, c.household)].map { tables.candidates[$0] } : nil
            var claimHolds = true
            var why = ""
            switch c.outcome {
            case .let_:
                claimHolds = x == a && letting.byMechanism
                why = "it is not let this advert by the mechanism"
            case .direct:
                claimHolds = x == a && letting.how == "direct"
                why = "it was not allocated this advert directly"
            case .rankedBelow:
                let holder = letting.household.flatMap { tables.householdIndex[$0] }.flatMap { rowOf[Self.key(a, $0)] }.map { tables.candidates[$0] }
                claimHolds = letting.byMechanism && holder.map { $0.position < c.position } == true
                why = "the advert's holder does not rank above it"
            case .housedPreferred:
                claimHolds = da && x >= 0 && tables.lettings[x].byMechanism && housedRow.map { $0.preference < c.preference } == true
                why = "it is not housed at an advert it ranked as more wanted"
            case .housedEarlier:
                claimHolds = !da && x >= 0 && tables.lettings[x].byMechanism && tables.publicationRank[x] < tables.publicationRank[a]
                why = "it is not housed at an advert published before this one"
            case .housedDirect:
                claimHolds = x >= 0 && tables.lettings[x].how == "direct"
                why = "it was not allocated another advert directly"
            case .advertDirect:
                claimHolds = letting.how == "direct" || letting.how == "unlet_direct"
                why = "the advert is not a direct allocation"
            case .caps(let mask):
                for cap in tables.capNames.indices where mask & (1 << UInt64(cap)) != 0 {
                    if c.countsAgainst & (1 << UInt64(cap)) == 0 {
                        claimHolds = false
                        why = "a letting to it would not count against \(tables.capNames[cap])"
                    } else if let room = capRoom(tables.capNames[cap], for: c, at: letting, housedAt: x) {
                        claimHolds = false
                        why = room
                    }
                }
            case .kept(let mask):
                // The caps turned it away when the mechanism came to it, and the repair could not
                // let it in without breaking another rule; what the files can check: it counts
                // against each, and each has room at the end (else the outcome would be cap:).
                for cap in tables.capNames.indices where mask & (1 << UInt64(cap)) != 0 {
                    if c.countsAgainst & (1 << UInt64(cap)) == 0 {
                        claimHolds = false
                        why = "a letting to it would not count against \(tables.capNames[cap])"
                    } else if capRoom(tables.capNames[cap], for: c, at: letting, housedAt: x) == nil {
                        claimHolds = false
                        why = "\(tables.capNames[cap]) has no room for it at the end: the outcome is cap:\(tables.capNames[cap])"
                    }
                }
            case .unexplained, .none:
                problem(.blockingPair, "candidates.csv", Int(c.line),
                        "\(h) ranks \(c.position) at \(letting.advert), above its holder or at an unlet advert, and nothing the files say explains why it did not get it")
                continue
            case .offerHistory:
                problem(.falseClaim, "candidates.csv", Int(c.line), "\(h) at \(letting.advert) is eligible, yet its outcome says its offer history excluded it")
                continue
            case .unknown:
                problem(.falseClaim, "candidates.csv", Int(c.line), "the outcome of \(h) at \(letting.advert) is not one Thuis writes")
                continue
            }
            switch c.outcome {
            case .caps where da, .kept where da:
                // At the end no cap refusal may be one a swap with the advert's holder lets in.
                // Not under sequential offers: they go once down the adverts in publication
                // order, and the holder moved to a later advert would hold nothing offered
                // before the adverts between, so a swap is no change the method can make.
                if claimHolds, let swap = swapLetsIn(c, at: letting, housedAt: x) {
                    claimHolds = false
                    why = swap
                }
            default: break
            }
            if !claimHolds { problem(.falseClaim, "candidates.csv", Int(c.line), "\(h) at \(letting.advert): the outcome is false: \(why)") }
        }
    }

    /// Why cap `name` did not need to turn `c` away, or nil when it did: at the end, `c` taking
    /// `letting`'s advert (its household leaving the advert `housedAt`, the holder leaving) would
    /// keep the cap within its target.
    private func capRoom(_ name: String, for c: ResultTables.Candidate, at letting: ResultTables.Letting, housedAt x: Int) -> String? {
        guard let q = tables.quotas.first(where: { $0.kind == "cap" && $0.quota == name && letting.isIn(scope: $0.scope) }) else {
            return "\(name) has no row in quota-report.csv for \(letting.advert)"
        }
        func counted(_ l: ResultTables.Letting) -> Int { l.isLet && l.countsAgainst.contains(name) ? weight(q.unit, persons: l.persons) : 0 }
        let own = x >= 0 && tables.lettings[x].isIn(scope: q.scope) ? counted(tables.lettings[x]) : 0
        let after = q.achieved - counted(letting) - own + weight(q.unit, persons: Int(c.persons))
        guard after <= q.target, !lowersFloor(c, at: letting, housedAt: x) else { return nil }
        return "\(name) \(q.scope) ends at \(q.achieved) of \(q.target) (quota-report.csv line \(q.line)); letting it in here\(x >= 0 ? " and out of \(tables.lettings[x].advert)" : "") would make that \(after), within the cap"
    }

    /// Why a swap lets `c` in, or nil when none does: its household takes `letting`'s advert,
    /// the holder takes the advert `housedAt` in its place (it reacted there and was eligible),
    /// and every cap stays within its final target and no floor goes below its own. Without such
    /// a holder the home left would stand empty and a letting be lost: no swap. The targets stay
    /// as they are (both homes stay let; the DAEB share's base is the social lettings), except
    /// the passend exceptions' across two of its scopes, where no swap is claimed.
    private func swapLetsIn(_ c: ResultTables.Candidate, at letting: ResultTables.Letting, housedAt x: Int) -> String? {
        let a = Int(c.advert)
        guard x >= 0, let name = letting.household, let d = tables.householdIndex[name],
              let inPlace = rowOf[Self.key(a, d)].map({ tables.candidates[$0] }),
              let back = rowOf[Self.key(x, d)].map({ tables.candidates[$0] }), back.eligible,
              let own = rowOf[Self.key(x, c.household)].map({ tables.candidates[$0] }) else { return nil }
        let home = tables.lettings[x]
        func change(_ scope: String, _ weight: (ResultTables.Candidate) -> Int) -> Int {
            (letting.isIn(scope: scope) ? weight(c) - weight(inPlace) : 0) + (home.isIn(scope: scope) ? weight(back) - weight(own) : 0)
        }
        // Only the rows of the scopes the two homes lie in (a national report has thousands).
        let rows = Set((letting.scopes + home.scopes).flatMap { quotaRowsOfScope[$0] ?? [] })
        for q in rows.sorted().map({ tables.quotas[$0] }) {
            // The passend exceptions' target follows the benefit-eligible lettings in its scope,
            // which the files do not show: a swap across two of its scopes may lower it.
            if q.kind == "cap", q.quota == PeriodState.passendExceptions, letting.isIn(scope: q.scope) != home.isIn(scope: q.scope) { return nil }
            if q.kind == "cap", let i = tables.capNames.firstIndex(of: q.quota) {
                let delta = change(q.scope) { $0.countsAgainst & (1 << UInt64(i)) != 0 ? weight(q.unit, persons: Int($0.persons)) : 0 }
                if delta > 0 && q.achieved + delta > q.target { return nil }
            } else if q.kind == "floor", let g = tables.groupNames.firstIndex(of: q.group) {
                let delta = change(q.scope) { $0.groups & (1 << UInt64(g)) != 0 ? weight(q.unit, persons: Int($0.persons)) : 0 }
                if delta < 0 && q.achieved + delta < q.target { return nil }
            }
        }
        return "\(name), who holds it, reacted to \(home.advert) (candidates.csv line \(back.line)); the two trading places keeps every cap and floor within its final target"
    }

    /// Whether `c` taking `letting`'s advert (its household out of the advert `housedAt`, the
    /// holder out) would take a letting from a floor's group where the floor is short or would
    /// become so: a cap refusal the end has room for stays to keep that floor.
    private func lowersFloor(_ c: ResultTables.Candidate, at letting: ResultTables.Letting, housedAt x: Int) -> Bool {
        for f in tables.quotas where f.kind == "floor" {
            guard let g = tables.groupNames.firstIndex(of: f.group) else { continue }
            func counted(_ l: ResultTables.Letting) -> Int { l.isLet && l.groups.contains(f.group) ? weight(f.unit, persons: l.persons) : 0 }
            var change = 0
            if letting.isIn(scope: f.scope) {
                change += (c.groups & (1 << UInt64(g)) != 0 ? weight(f.unit, persons: Int(c.persons)) : 0) - counted(letting)
            }
            if x >= 0 && tables.lettings[x].isIn(scope: f.scope) { change -= counted(tables.lettings[x]) }
            if change < 0 && f.achieved + change < f.target { return true }
        }
        return false
    }

    // MARK: Quotas

    /// What a letting weighs in a quota's unit.
    private func weight(_ unit: String, persons: Int?) -> Int { unit == "persons" ? (persons ?? 1) : 1 }

    /// What the period held before this batch for a quota row (summary.json's year to date).
    private func soFar(_ q: ResultTables.QuotaRow) -> Int {
        summary.yearToDate?[q.quota]?.first { $0.scope == q.scopeValue }?.group ?? 0
    }

    /// Each cap's count recounted; over its target only by direct allocations or earlier batches.
    private mutating func checkCaps() {
        for q in tables.quotas where q.kind == "cap" {
            var byMechanism = 0, direct = 0
            for letting in tables.lettings where letting.isLet && letting.isIn(scope: q.scope) && letting.countsAgainst.contains(q.quota) {
                if letting.how == "direct" { direct += weight(q.unit, persons: letting.persons) }
                else { byMechanism += weight(q.unit, persons: letting.persons) }
            }
            let recount = soFar(q) + direct + byMechanism
            if recount != q.achieved {
                problem(.reportMismatch, "quota-report.csv", q.line, "\(q.quota) \(q.scope): achieved \(q.achieved), but the lettings counting against it add up to \(recount)")
            } else if q.achieved > q.target && (byMechanism > 0 || !q.reason.hasPrefix("exceeded by")) {
                problem(.capExceeded, "quota-report.csv", q.line, "\(q.quota) \(q.scope): \(q.achieved) against a cap of \(q.target), and \(byMechanism) of it let by the mechanism, which must stay within the cap")
            }
        }
    }

    /// Each floor recounted; a shortfall has its bound, recomputed, and no reserve could raise it.
    private mutating func checkFloors() {
        let caps = tables.quotas.filter { $0.kind == "cap" }
        for q in tables.quotas where q.kind == "floor" {
            var recount = soFar(q)
            for letting in tables.lettings where letting.isLet && letting.isIn(scope: q.scope) && letting.groups.contains(q.group) {
                recount += weight(q.unit, persons: letting.persons)
            }
            if recount != q.achieved {
                problem(.reportMismatch, "quota-report.csv", q.line, "\(q.quota) \(q.scope): achieved \(q.achieved), but the lettings to \(q.group) add up to \(recount)")
                continue
            }
            if q.shortfall != max(0, q.target - q.achieved) {
                problem(.reportMismatch, "quota-report.csv", q.line, "\(q.quota) \(q.scope): shortfall \(q.shortfall), but target \(q.target) less achieved \(q.achieved) is \(max(0, q.target - q.achieved))")
                continue
            }
            // The bound and the reserves are recounted from candidates.csv's rows.
            guard q.shortfall > 0, content != .none else { continue }
            let bound = floorBound(q)
            if q.bound != bound {
                problem(.reportMismatch, "quota-report.csv", q.line, "\(q.quota) \(q.scope): bound \(q.bound.map(String.init) ?? "missing"), but a maximum matching of \(q.group)'s eligible reactions gives \(bound)")
            }
            if summary.run.relabel == true && summary.run.labelling != "given" { checkNoReserveWouldRaise(q, caps: caps) }
        }
    }

    /// The floor's bound from the files: what `FloorBound` computes over the group's eligible
    /// reactions to the scope's open adverts, households housed directly left out.
    private func floorBound(_ q: ResultTables.QuotaRow) -> Int {
        guard let g = tables.groupNames.firstIndex(of: q.group) else { return soFar(q) + directLettings(q) }
        var bound = FloorBound()
        var local: [Int32: Int] = [:]
        for (a, letting) in tables.lettings.enumerated() where letting.open && letting.isIn(scope: q.scope) {
            let column = Int32(bound.advertCount)
            bound.advertCount += 1
            for row in rowsOfAdvert[a] {
                let c = tables.candidates[row]
                guard c.eligible, c.groups & (1 << UInt64(g)) != 0 else { continue }
                let x = housedAt[Int(c.household)]
                if x >= 0 && tables.lettings[x].how == "direct" { continue }
                let index = local[c.household] ?? {
                    local[c.household] = bound.adverts.count
                    bound.adverts.append([])
                    bound.weights.append(weight(q.unit, persons: Int(c.persons)))
                    return bound.adverts.count - 1
                }()
                bound.adverts[index].append(column)
            }
        }
        return soFar(q) + directLettings(q) + bound.maximum()
    }

    private func directLettings(_ q: ResultTables.QuotaRow) -> Int {
        tables.lettings.filter { $0.how == "direct" && $0.isIn(scope: q.scope) && $0.groups.contains(q.group) }
            .reduce(0) { $0 + weight(q.unit, persons: $1.persons) }
    }

    /// A short floor with relabelling on: no open advert in scope, reserved for no other quota
    /// and not let to a member, has a member that wants it more than what it got (sequential
    /// offers: that holds an advert published later, or none) and that no
    /// cap keeps out: not turned away there by one, and not one that taking it would put over
    /// its target (a reserve there would put the member first).
    private mutating func checkNoReserveWouldRaise(_ q: ResultTables.QuotaRow, caps: [ResultTables.QuotaRow]) {
        guard let g = tables.groupNames.firstIndex(of: q.group) else { return }
        let da = summary.run.mechanism == Mechanism.deferredAcceptance.rawValue
        for (a, letting) in tables.lettings.enumerated() where letting.open && letting.isIn(scope: q.scope)
            && (letting.reservedFor.isEmpty || letting.reservedFor == q.quota) && !(letting.isLet && letting.groups.contains(q.group)) {
            let holder = letting.household.flatMap { tables.householdIndex[$0] }.flatMap { rowOf[Self.key(a, $0)] }.map { tables.candidates[$0] }
            for row in rowsOfAdvert[a] {
                let c = tables.candidates[row]
                guard c.eligible, c.groups & (1 << UInt64(g)) != 0 else { continue }
                let x = housedAt[Int(c.household)]
                if x >= 0 {
                    if tables.lettings[x].how == "direct" { continue }
                    if da {
                        if let held = rowOf[Self.key(x, c.household)], tables.candidates[held].preference <= c.preference { continue }
                    } else if tables.publicationRank[x] <= tables.publicationRank[a] {
                        continue   // sequential offers reach x first
                    }
                }
                if case .caps = c.outcome { continue }
                if case .kept = c.outcome { continue }
                if wouldExceedCap(c, at: letting, replacing: holder, caps: caps) { continue }
                problem(.floorUnjustified, "quota-report.csv", q.line,
                        "\(q.quota) \(q.scope) is short by \(q.shortfall), yet \(letting.advert) went to \(letting.household ?? "nobody"), not in \(q.group), while \(household(c)) (\(q.group), place \(c.position), candidates.csv line \(c.line)) wanted it more and no cap kept it out: a reserve there would raise the floor")
                break
            }
        }
    }

    /// Whether giving `letting`'s advert to `c` instead of `holder` would put a cap over its target.
    private func wouldExceedCap(_ c: ResultTables.Candidate, at letting: ResultTables.Letting, replacing holder: ResultTables.Candidate?,
                                caps: [ResultTables.QuotaRow]) -> Bool {
        for q in caps where letting.isIn(scope: q.scope) {
            guard let bit = tables.capNames.firstIndex(of: q.quota), c.countsAgainst & (1 << UInt64(bit)) != 0 else { continue }
            let leaving = holder.map { $0.countsAgainst & (1 << UInt64(bit)) != 0 ? weight(q.unit, persons: Int($0.persons)) : 0 } ?? 0
            if q.achieved - leaving + weight(q.unit, persons: Int(c.persons)) > q.target { return true }
        }
        return false
    }
}

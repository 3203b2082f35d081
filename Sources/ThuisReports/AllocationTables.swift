import ThuisCore

/// The CSV outputs of an allocation: fixed columns, rows sorted by id.
public enum AllocationTables {
    /// `allocations.csv`: one row per advert; `household_id` is empty when the advert is unlet.
    /// Where the export names areas, the dwelling's stadsdeel, wijk, buurt and complex follow
    /// its corporation (an export without them gives the same file as before areas existed).
    public static func allocations(_ facts: AllocationFacts) -> [UInt8] {
        let market = facts.market, allocation = facts.allocation
        var out = TextBuffer(capacity: market.adverts.count * 80)
        let areas = market.hasAreas
        out.appendBytes(Array((areas ? ResultTables.allocationsHeaderWithAreas : ResultTables.allocationsHeader).utf8))
        out.newline()
        let reserveNames = facts.policy.quotas.map { CSVText.field($0.name) }
        let groupLists = GroupLists(facts)
        var capLists = FieldCache<UInt64>()
        for a in facts.advertIndices {
            let h = Int(allocation.household[a]), r = Int(allocation.reaction[a])
            let direct = h >= 0 && market.adverts.model[a] == .direct
            out.id(market.adverts.ids, a)
            out.comma()
            if h >= 0 { out.id(market.households.ids, h) }
            out.comma()
            if r >= 0 && !direct { out.int(Int(allocation.position[r])) }
            out.comma()
            let q = Int(allocation.reservedFor[a])
            if q >= 0 { out.field(reserveNames[q]) }
            out.comma()
            if h >= 0 { out.field(groupLists[allocation.lettingGroups[a]]) }
            out.comma()
            out.field(how(facts, a))
            out.comma()
            out.field(market.adverts.start[a].description)
            out.comma()
            let d = Int(market.adverts.dwelling[a])
            out.field(market.municipalities[Int(market.dwellings.municipality[d])])
            out.comma()
            out.field(market.corporations[Int(market.dwellings.corporation[d])])
            out.comma()
            if areas {
                for kind in AreaKind.allCases {
                    let area = market.dwellings.area(kind, of: d)
                    if area >= 0 { out.field(market.areas[kind.rawValue][Int(area)]) }
                    out.comma()
                }
            }
            if h >= 0 { out.int(Int(market.households.persons[h])) }
            out.comma()
            let caps = allocation.lettingCountsAgainst(a)
            capLists.append(caps, to: &out) { allocation.capNames(caps).joined(separator: ";") }
            out.newline()
        }
        return out.bytes
    }

    /// How advert `a` was let: `ranking`, `lottery`, `direct`; or why not: `already_let` (by an
    /// earlier batch of the ledger), `unlet_direct` (a direct allocation that was not made), `unlet`.
    public static func how(_ facts: AllocationFacts, _ a: Int) -> String {
        let allocation = facts.allocation
        if allocation.household[a] < 0 {
            if allocation.period.alreadyLet[facts.market.adverts.ids[a]] != nil { return "already_let" }
            return facts.market.adverts.model[a] == .direct ? "unlet_direct" : "unlet"
        }
        if facts.market.adverts.model[a] == .direct { return "direct" }
        return allocation.byLottery[a] ? "lottery" : "ranking"
    }

    /// `candidates.csv`: every reaction, by advert id then household id, with its outcome.
    public static func candidates(_ facts: AllocationFacts) -> [UInt8] { candidateRows(facts).joined }

    /// `candidates.csv` in chunks of about 64k rows (whole adverts), the header in the first;
    /// with `eligibleOnly`, the rows of eligible reactions alone.
    public static func candidateRows(_ facts: AllocationFacts, eligibleOnly: Bool = false) -> ChunkedRows {
        let market = facts.market
        let ranges = ChunkedRows.ranges(items: facts.advertIndices.count, target: 1 << 16) { market.reactions.ofAdvert($0).count }
        let outcomes = ReactionOutcomes(market, facts.allocation)
        return ChunkedRows(count: ranges.count) { i in
            candidates(facts, outcomes, adverts: ranges[i], header: i == 0, eligibleOnly: eligibleOnly)
        }
    }

    private static func candidates(_ facts: AllocationFacts, _ outcomes: ReactionOutcomes, adverts: Range<Int>, header: Bool,
                                   eligibleOnly: Bool) -> [UInt8] {
        let market = facts.market, allocation = facts.allocation
        let first = adverts.isEmpty ? 0 : Int(market.reactions.advertStart[adverts.lowerBound])
        let last = adverts.isEmpty ? 0 : Int(market.reactions.advertStart[adverts.upperBound])
        var out = TextBuffer(capacity: (last - first) * 64 + 256)
        if header { out.append("advert_id,household_id,preference,eligible,reason,position,groups,persons,counts_against,outcome\n") }
        let reasons = ExclusionReason.allCases.map { Array($0.code.utf8) }
        let exclusionOutcomes = ExclusionReason.allCases.map { Array($0.outcomeCode.utf8) }
        // Text of each group and cap combination and each outcome, made once per chunk.
        var groupLists = FieldCache<UInt32>(), capLists = FieldCache<UInt64>(), outcomeCodes = FieldCache<UInt64>()
        // Rows go by advert, the columns by household: each row reads a dozen columns at a
        // random place. A block's rows are read first in a tight loop, where the processor
        // overlaps the cache misses, and then written (3x faster on a national run).
        let block = CandidateBlock()
        var advert = adverts.lowerBound
        var row = first
        var advertField = TextBuffer(capacity: 32)
        // A batch with no advert due (all still open) has a header only.
        if first < last { advertField.id(market.adverts.ids, advert) }
        market.households.ids.withBytes { householdIDs in
        while row < last {
            let end = min(last, row + CandidateBlock.size)
            block.gather(market, allocation, outcomes, rows: row..<end, advert: advert, householdIDs: householdIDs)
            for k in 0..<(end - row) {
                if Int(market.reactions.advertStart[advert + 1]) <= row + k {
                    while Int(market.reactions.advertStart[advert + 1]) <= row + k { advert += 1 }
                    advertField = TextBuffer(capacity: 32)
                    advertField.id(market.adverts.ids, advert)
                }
                let a = advert, exclusion = block.exclusion[k]
                if eligibleOnly && exclusion != .eligible { continue }
                out.append(advertField)
                out.comma()
                out.id(bytes: UnsafeRawBufferPointer(rebasing: householdIDs[block.householdID[k]]))
                out.comma()
                out.int(Int(block.preference[k]))
                if exclusion == .eligible {
                    out.append(",true,,")
                    if market.adverts.model[a] != .direct { out.int(Int(block.position[k])) }
                    out.comma()
                    let bits = block.groups[k]
                    groupLists.append(bits, to: &out) { facts.groupNames(bits).joined(separator: ";") }
                    out.comma()
                    out.int(Int(block.persons[k]))
                    out.comma()
                    let caps = block.caps[k]
                    capLists.append(caps, to: &out) { allocation.capNames(caps).joined(separator: ";") }
                    out.comma()
                    let outcome = block.outcome[k]
                    outcomeCodes.append(outcome.codeKey, to: &out) { outcome.code(allocation) }
                } else {
                    out.append(",false,")
                    out.appendBytes(reasons[Int(exclusion.rawValue)])
                    out.append(",,,,,")
                    out.appendBytes(exclusionOutcomes[Int(exclusion.rawValue)])
                }
                out.newline()
            }
            row = end
        }
        }
        return out.bytes
    }

    /// `quota-report.csv`: one row per quota (and legal cap) and scope.
    public static func quotaReport(_ facts: AllocationFacts) -> String {
        var out = CSVText.line(["quota", "kind", "group", "scope", "period", "unit", "target", "reserved", "achieved", "shortfall", "bound", "reason"])
        for q in facts.allocation.quotas {
            let group = facts.policy.quotas.first { $0.name == q.quota }?.group ?? ""
            out += CSVText.line([q.quota, q.kind.rawValue, group, q.scope, q.period.rawValue, q.unit.rawValue, String(q.target), String(q.reserved),
                                 String(q.achieved), String(q.shortfall), q.bound.map(String.init) ?? "", q.reason])
        }
        return out
    }
}

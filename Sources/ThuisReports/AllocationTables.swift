import ThuisCore

/// The CSV outputs of an allocation: fixed columns, rows sorted by id.
public enum AllocationTables {
    /// `allocations.csv`: one row per advert; `household_id` is empty when the advert is unlet.
    public static func allocations(_ facts: AllocationFacts) -> [UInt8] {
        let market = facts.market, allocation = facts.allocation
        var out = TextBuffer(capacity: market.adverts.count * 48)
        out.append("advert_id,household_id,position,reserved_for,groups\n")
        let reserveNames = facts.policy.quotas.map { CSVText.field($0.name) }
        let groupLists = GroupLists(facts)
        for a in facts.advertIndices {
            let h = Int(allocation.household[a]), r = Int(allocation.reaction[a])
            out.id(market.adverts.ids, a)
            out.comma()
            if h >= 0 { out.id(market.households.ids, h) }
            out.comma()
            if r >= 0 { out.int(Int(allocation.position[r])) }
            out.comma()
            let q = Int(allocation.reservedFor[a])
            if q >= 0 { out.field(reserveNames[q]) }
            out.comma()
            if h >= 0 { out.field(groupLists[allocation.lettingGroups[a]]) }
            out.newline()
        }
        return out.bytes
    }

    /// `candidates.csv`: every reaction, by advert id then household id.
    public static func candidates(_ facts: AllocationFacts) -> [UInt8] {
        let market = facts.market, allocation = facts.allocation
        var out = TextBuffer(capacity: market.reactions.count * 40)
        out.append("advert_id,household_id,preference,eligible,reason,position\n")
        let reasons = ExclusionReason.allCases.map { Array($0.code.utf8) }
        for a in facts.advertIndices {
            // Reactions of an advert are stored in household order already.
            for r in market.reactions.ofAdvert(a) {
                let i = Int(r), exclusion = allocation.exclusion[i]
                out.id(market.adverts.ids, a)
                out.comma()
                out.id(market.households.ids, Int(market.reactions.household[i]))
                out.comma()
                out.int(Int(allocation.preference[i]))
                if exclusion == .eligible {
                    out.append(",true,,")
                    out.int(Int(allocation.position[i]))
                } else {
                    out.append(",false,")
                    out.appendBytes(reasons[Int(exclusion.rawValue)])
                    out.comma()
                }
                out.newline()
            }
        }
        return out.bytes
    }

    /// `quota-report.csv`: one row per quota (and legal cap) and scope.
    public static func quotaReport(_ facts: AllocationFacts) -> String {
        var out = CSVText.line(["quota", "scope", "period", "target", "reserved", "achieved", "shortfall", "reason"])
        for q in facts.allocation.quotas {
            out += CSVText.line([q.quota, q.scope, q.period.rawValue, String(q.target), String(q.reserved),
                                 String(q.achieved), String(q.shortfall), q.reason])
        }
        return out
    }
}

import ThuisCore

/// The CSV outputs of an allocation: fixed columns, rows sorted by id.
public enum AllocationTables {
    /// `allocations.csv`: one row per advert; `household_id` is empty when the advert is unlet.
    public static func allocations(_ facts: AllocationFacts) -> String {
        let market = facts.market, allocation = facts.allocation
        var out = CSVText.line(["advert_id", "household_id", "position", "reserved_for", "groups"])
        for a in facts.advertIndices {
            let h = Int(allocation.household[a]), r = Int(allocation.reaction[a])
            out += CSVText.line([
                market.adverts.ids[a], h >= 0 ? market.households.ids[h] : "",
                r >= 0 ? String(allocation.position[r]) : "", facts.reserveName(a),
                h >= 0 ? facts.groupNames(allocation.lettingGroups[a]).joined(separator: ";") : "",
            ])
        }
        return out
    }

    /// `candidates.csv`: every reaction, by advert id then household id.
    public static func candidates(_ facts: AllocationFacts) -> String {
        let market = facts.market, allocation = facts.allocation
        var out = CSVText.line(["advert_id", "household_id", "preference", "eligible", "reason", "position"])
        for a in facts.advertIndices {
            for r in market.reactions.ofAdvert(a).sorted(by: { market.reactions.household[Int($0)] < market.reactions.household[Int($1)] }) {
                let i = Int(r), eligible = allocation.exclusion[i] == .eligible
                out += CSVText.line([
                    market.adverts.ids[a], market.households.ids[Int(market.reactions.household[i])],
                    String(allocation.preference[i]), eligible ? "true" : "false",
                    eligible ? "" : allocation.exclusion[i].code, eligible ? String(allocation.position[i]) : "",
                ])
            }
        }
        return out
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

/// RFC 4180 fields and lines.
public enum CSVText {
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\n" }
}

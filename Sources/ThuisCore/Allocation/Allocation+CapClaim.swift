extension Allocation {
    /// What a cap refusal claims, as the quota report shows it: where the cap counts the advert,
    /// its target and count at the end, and the count had reaction `r` been let in.
    public struct CapClaim: Sendable, Equatable {
        public var cap: String
        /// What the cap counts, and in which unit.
        public var rule: CapRule
        /// The period the target covers (a batch, a half-year, a year).
        public var period: Quota.Period
        /// The scope value, as quota-report.csv names it (`region`, `municipality 0344`).
        public var scope: String
        public var target: Int
        public var achieved: Int
        /// The count with `r`'s household at the advert, out of the advert it holds (when that
        /// counts in the same scope), and the advert's holder out.
        public var withReaction: Int
    }

    /// For each cap that turned reaction `r` away, what the claim rests on (nil for a cap with
    /// no row in the report for the advert's scope).
    public func capClaims(_ r: Int, in market: Market) -> [CapClaim?] {
        let a = Int(market.reactions.advert[r]), h = Int32(market.reactions.household[r])
        let own = household.firstIndex(of: h)
        return caps.indices.filter { refusedBy[r] & (1 << UInt64($0)) != 0 }.map { c in
            let rule = caps[c], scope = market.scopeName(advert: a, rule.scope)
            guard let row = quotas.first(where: { $0.kind == .cap && $0.quota == rule.name && $0.scope == scope }) else { return nil }
            func weight(_ x: Int32) -> Int { rule.unit == .persons ? Int(market.households.persons[Int(x)]) : 1 }
            func counted(_ x: Int) -> Int {
                household[x] >= 0 && rule.counts(groups: lettingGroups[x], aboveDaebLimit: lettingAboveDaebLimit[x],
                                                 passendException: lettingPassendException[x]) ? weight(household[x]) : 0
            }
            let coming = rule.counts(groups: groups[r], aboveDaebLimit: aboveDaebLimit[r], passendException: passendException[r]) ? weight(h) : 0
            let leaving = counted(a) + (own.map { market.scopeName(advert: $0, rule.scope) == scope ? counted($0) : 0 } ?? 0)
            return CapClaim(cap: rule.name, rule: rule, period: row.period, scope: scope, target: row.target, achieved: row.achieved, withReaction: row.achieved - leaving + coming)
        }
    }
}

extension Market {
    /// The scope value advert `a` counts in, as quota reports name it (`region`,
    /// `municipality 0344`, `corporation MIT`, `buurt BU03440101`).
    public func scopeName(advert a: Int, _ scope: Quota.Scope) -> String {
        let d = Int(adverts.dwelling[a])
        switch scope {
        case .region: return "region"
        case .municipality: return "municipality \(municipalities[Int(dwellings.municipality[d])])"
        case .corporation: return "corporation \(corporations[Int(dwellings.corporation[d])])"
        case .borough, .district, .neighbourhood, .complex:
            let kind = scope.area!, area = dwellings.area(kind, of: d)
            return area >= 0 ? "\(kind.word) \(areas[kind.rawValue][Int(area)])" : "\(kind.word) (none)"
        }
    }
}

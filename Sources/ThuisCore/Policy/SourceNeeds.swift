/// What a policy's rules read that the batch's source may not have sent.
///
/// A rule that reads a value the source left out (``Market/sourceGaps``) would read zeros: a
/// household without points would rank as one with none, one without a municipality as an
/// outsider everywhere. Such a batch is refused, naming the rule and the first record lacking
/// the value, so the corporation sends the data or changes the rule.
public enum SourceNeeds {
    /// A rule that needs data the source did not send.
    public struct Unmet: Sendable, Equatable {
        public var gap: SourceGap
        /// The rule, as the policy or the batch states it.
        public var rule: String
        /// The first record the source sent without it.
        public var location: SourceLocation

        /// The message for the user.
        public var message: String {
            switch gap {
            case .borough, .district, .neighbourhood, .complex:
                return "\(rule) needs \(gap.source), which the source did not send for this dwelling; the batch is refused rather than let without the rule (send the values, or change the rule)"
            default:
                return "\(rule) needs \(gap.source), which the source did not send for this record; the batch is refused rather than ranked on zeros (send the values, or change the rule\(gap == .points ? ": source = \"registration\" counts waiting time only" : ""))"
            }
        }
    }

    /// Each gap in `market` that a rule of `policy` reads, with that rule.
    public static func unmet(_ policy: Policy, _ market: Market) -> [Unmet] {
        guard !market.sourceGaps.isEmpty else { return [] }
        var unmet: [Unmet] = []
        for (gap, location) in market.sourceGaps.sorted(by: { $0.key < $1.key }) {
            if let rule = rule(reading: gap, policy, market) { unmet.append(Unmet(gap: gap, rule: rule, location: location)) }
        }
        return unmet
    }

    /// The first rule of the policy or the batch that reads `gap`, or nil.
    static func rule(reading gap: SourceGap, _ policy: Policy, _ market: Market) -> String? {
        let keys = policy.ranking.keys
        switch gap {
        case .points:
            guard keys.contains(.points), policy.ranking.points.source == .extraAttributes else { return nil }
            return "the ranking key \"points\" ([ranking] keys, with [ranking.points] source = \"extra-attributen\")"
        case .municipality:
            if keys.contains(.localBinding) { return "the ranking key \"local_binding\" ([ranking] keys)" }
            for d in 0..<market.dwellings.count where market.dwellings.criteria(of: d).contains(where: { $0.kind == .binding }) {
                return "the binding criterion (Eenheidcriterium BIN) of dwelling \(market.dwellings.ids[d])"
            }
            return nil
        case .borough, .district, .neighbourhood, .complex:
            if let quota = policy.quotas.first(where: { $0.scope.area.map(SourceGap.area) == gap }) {
                return "quota \"\(quota.name)\" (scope = \"\(quota.scope.rawValue)\")"
            }
            // A status that holds in listed areas cannot be placed at a dwelling without one:
            // it would silently not hold there.
            let p = market.priorities
            for i in 0..<p.areaScope.count where SourceGap.area(p.areaScope[i].kind) == gap {
                let status = market.priorities.areaScopeStart.lastIndex { $0 <= Int32(i) }.map { min($0, p.count - 1) } ?? 0
                let area = p.areaScope[i]
                return "the priority status of household \(market.households.ids[Int(p.household[status])]), which holds in \(area.kind.word) \(area.code) (Voorrangsregeling profile)"
            }
            return nil
        case .reactionDate:
            for a in 0..<market.adverts.count where market.adverts.model[a] == .firstComeFirstServed {
                return "publication model EER (first come, first served) of Publicatie \(market.adverts.ids[a])"
            }
            return nil
        }
    }
}

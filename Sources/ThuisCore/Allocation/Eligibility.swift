/// Eligibility of every reaction, with the rule that excluded it, and the flags the legal
/// caps need (above the DAEB limit, under the benefit limit, a passend exception).
struct Eligibility {
    var reason: ContiguousArray<ExclusionReason>
    /// Income above the DAEB limit at a social dwelling (counts against the DAEB free share).
    var aboveDaebLimit: ContiguousArray<Bool>
    /// Income under the benefit limit (the denominator of the passend share).
    var benefitEligible: ContiguousArray<Bool>
    /// Benefit-eligible and rent above the aftoppingsgrens (counts against the passend 5%).
    var passendException: ContiguousArray<Bool>
    /// Per advert: the age tier that applied, if the dwelling has an age label.
    var ageTier: [Int: EligibilityRules.AgeTier?]

    /// Evaluates every reaction of the market; priorities are looked up at each advert's municipality.
    init(_ market: Market, _ policy: Policy, _ facts: HouseholdFacts, _ dwellingRules: DwellingRules,
         _ views: (Int, Int) -> PriorityView) {
        let n = market.reactions.count
        reason = ContiguousArray(repeating: .eligible, count: n)
        aboveDaebLimit = ContiguousArray(repeating: false, count: n)
        benefitEligible = ContiguousArray(repeating: false, count: n)
        passendException = ContiguousArray(repeating: false, count: n)
        ageTier = [:]
        for r in 0..<n {
            let h = Int(market.reactions.household[r]), a = Int(market.reactions.advert[r])
            let check = EligibilityCheck.evaluate(market, policy, facts, dwellingRules, household: h, advert: a, view: views(r, h))
            reason[r] = check.reason
            aboveDaebLimit[r] = check.aboveDaebLimit
            benefitEligible[r] = check.benefitEligible
            passendException[r] = check.passendException
        }
        applyAgeLabels(market, policy, facts)
    }

    /// Age labels cascade: the first tier with an eligible reaction applies; when none has one,
    /// everyone (otherwise eligible) is, if the policy allows.
    private mutating func applyAgeLabels(_ market: Market, _ policy: Policy, _ facts: HouseholdFacts) {
        for a in 0..<market.adverts.count {
            let d = Int(market.adverts.dwelling[a])
            guard market.adverts.model[a] != .direct, let group = market.dwellings.targetGroup[d],
                  let tiers = policy.eligibility.ageTiers[group], !tiers.isEmpty else { continue }
            let reactions = market.reactions.ofAdvert(a).filter { reason[Int($0)] == .eligible }
            let applied = tiers.first { tier in
                reactions.contains { tier.admits(Int(facts.oldestAge[Int(market.reactions.household[Int($0)])])) }
            }
            if applied == nil && policy.eligibility.ageFallbackToAll {
                ageTier[a] = .some(nil)
                continue
            }
            ageTier[a] = applied
            for r in reactions {
                let age = Int(facts.oldestAge[Int(market.reactions.household[Int(r)])])
                if !(applied?.admits(age) ?? false) { reason[Int(r)] = .ageLabel }
            }
        }
    }
}

/// The rules for one household at one advert, in a fixed order: the first that fails is the reason.
enum EligibilityCheck {
    struct Result {
        var reason = ExclusionReason.eligible
        var aboveDaebLimit = false
        var benefitEligible = false
        var passendException = false
    }

    static func evaluate(_ market: Market, _ policy: Policy, _ facts: HouseholdFacts, _ dwellingRules: DwellingRules,
                         household h: Int, advert a: Int, view: PriorityView) -> Result {
        var result = Result()
        let rules = policy.eligibility, law = policy.law
        let d = Int(market.adverts.dwelling[a])
        let dwellings = market.dwellings, households = market.households
        let persons = Int(households.persons[h]), children = households.children(h)
        let age = Int(facts.oldestAge[h]), income = households.income[h]
        func fail(_ reason: ExclusionReason) -> Result {
            result.reason = reason
            return result
        }
        if market.adverts.model[a] == .direct && Int(market.adverts.namedHousehold[a]) != h { return fail(.notNamed) }
        let required = dwellingRules.requiredCategories[d]
        if required != 0 && !view.holdsAny(required) { return fail(.additionalTargetGroup) }
        if let condition = dwellingRules.condition[d] {
            if let min = condition.minimumPersons, persons < min { return fail(.targetGroup) }
            if let max = condition.maximumPersons, persons > max { return fail(.targetGroup) }
            if let min = condition.minimumChildren, children < min { return fail(.targetGroup) }
        }
        if persons < dwellingRules.minimumPersons[d] || persons > dwellingRules.maximumPersons[d] { return fail(.householdSize) }
        if rules.advertCriteria && dwellings.criteriaStart[d] < dwellings.criteriaStart[d + 1] {
            for c in dwellings.criteria(of: d) where c.use == .selection {
                switch c.kind {
                case .age: if !c.admits(Int64(age) * 100) { return fail(.criterionAge) }
                case .persons: if !c.admits(Int64(persons) * 100) { return fail(.criterionPersons) }
                case .income: if !c.admits(income.cents) { return fail(.criterionIncome) }
                case .binding:
                    let m = dwellings.municipality[d]
                    if households.municipality[h] != m && households.workMunicipality[h] != m { return fail(.criterionBinding) }
                case .urgency, .group, .indication:
                    let kind: PriorityKind = c.kind == .urgency ? .urgency : c.kind == .group ? .group : .indication
                    if let category = PriorityCategory(rawValue: c.detail) {
                        if !view.holds(category) { return fail(.criterionPriority) }
                    } else if !view.holds(kind: kind) {
                        return fail(.criterionPriority)
                    }
                }
            }
        }
        let social = dwellings.socialLabel[d] == .social
        if social && rules.daebIncome != .off && income > law.daebLimit(persons: persons) {
            if rules.daebIncome == .exclude { return fail(.daebIncome) }
            result.aboveDaebLimit = true
        }
        if social && rules.passend != .off && income <= law.passendLimit(persons: persons, pensionAge: facts.pensionAge[h]) {
            result.benefitEligible = true
            if dwellings.rent[d] > law.rentCap(persons: persons) {
                if rules.passend == .exclude { return fail(.passend) }
                result.passendException = true
            }
        }
        return result
    }
}

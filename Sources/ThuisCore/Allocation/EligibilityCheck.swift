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
        if let condition = dwellingRules.condition(d) {
            if let min = condition.minimumPersons, persons < min { return fail(.targetGroup) }
            if let max = condition.maximumPersons, persons > max { return fail(.targetGroup) }
            if let min = condition.minimumChildren, children < min { return fail(.targetGroup) }
        }
        if persons < Int(dwellingRules.minimumPersons[d]) || persons > Int(dwellingRules.maximumPersons[d]) { return fail(.householdSize) }
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

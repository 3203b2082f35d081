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
         alreadyLet: Set<Int> = [], bars: OfferBars = OfferBars(), _ views: (Int, Int) -> PriorityView) {
        let n = market.reactions.count
        reason = ContiguousArray(repeating: .eligible, count: n)
        aboveDaebLimit = ContiguousArray(repeating: false, count: n)
        benefitEligible = ContiguousArray(repeating: false, count: n)
        passendException = ContiguousArray(repeating: false, count: n)
        ageTier = [:]
        reason.withUnsafeMutableBufferPointer { reason in
        aboveDaebLimit.withUnsafeMutableBufferPointer { aboveDaebLimit in
        benefitEligible.withUnsafeMutableBufferPointer { benefitEligible in
        passendException.withUnsafeMutableBufferPointer { passendException in
            let barring = !bars.isEmpty
            Parallel.forEachRange(n) { part in
                for r in part {
                    let h = Int(market.reactions.household[r]), a = Int(market.reactions.advert[r])
                    if alreadyLet.contains(a) {
                        reason[r] = .alreadyLet
                        continue
                    }
                    if barring {
                        let barred = bars.reason(household: h, advert: a)
                        if barred != .eligible {
                            reason[r] = barred
                            continue
                        }
                    }
                    let check = EligibilityCheck.evaluate(market, policy, facts, dwellingRules, household: h, advert: a, view: views(r, h))
                    reason[r] = check.reason
                    aboveDaebLimit[r] = check.aboveDaebLimit
                    benefitEligible[r] = check.benefitEligible
                    passendException[r] = check.passendException
                }
            }
        }
        }
        }
        }
        applyAgeLabels(market, policy, facts, skipping: alreadyLet)
    }

    /// Age labels cascade: the first tier with an eligible reaction applies; when none has one,
    /// everyone (otherwise eligible) is, if the policy allows.
    private mutating func applyAgeLabels(_ market: Market, _ policy: Policy, _ facts: HouseholdFacts, skipping alreadyLet: Set<Int>) {
        for a in 0..<market.adverts.count where !alreadyLet.contains(a) {
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

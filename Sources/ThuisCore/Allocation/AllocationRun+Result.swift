extension AllocationRun {
    /// The allocation and its quota report.
    func result(_ matching: Matching, _ labels: ContiguousArray<Int32>) -> Allocation {
        let position = effectivePosition(labels)
        var household = ContiguousArray<Int32>(repeating: -1, count: market.adverts.count)
        var reaction = ContiguousArray<Int32>(repeating: -1, count: market.adverts.count)
        for a in 0..<market.adverts.count {
            if let h = direct[a] {
                household[a] = Int32(h)
                reaction[a] = market.reactions.ofAdvert(a).first { market.reactions.household[Int($0)] == Int32(h) } ?? -1
            } else if matching.holder[a] >= 0 {
                reaction[a] = matching.holder[a]
                household[a] = market.reactions.household[Int(matching.holder[a])]
            }
        }
        var lettingGroups = ContiguousArray<UInt32>(repeating: 0, count: market.adverts.count)
        var aboveDaeb = ContiguousArray<Bool>(repeating: false, count: market.adverts.count)
        var benefit = aboveDaeb, exception = aboveDaeb
        for a in 0..<market.adverts.count {
            if direct[a] != nil, let check = directChecks[a] {
                lettingGroups[a] = directGroups[a, default: 0]
                (aboveDaeb[a], benefit[a], exception[a]) = (check.aboveDaebLimit, check.benefitEligible, check.passendException)
            } else if reaction[a] >= 0 {
                let r = Int(reaction[a])
                lettingGroups[a] = groups[r]
                (aboveDaeb[a], benefit[a], exception[a]) = (eligibility.aboveDaebLimit[r], eligibility.benefitEligible[r],
                                                            eligibility.passendException[r])
            }
        }
        var notes = directNotes
        for a in prepared.alreadyLet { notes[a] = period.alreadyLet[market.adverts.ids[a]] }
        for a in 0..<market.adverts.count where household[a] < 0 && notes[a] == nil {
            let eligible = ranking.ranked(a).count
            let elsewhere = policy.mechanism == .sequential ? "housed at adverts offered earlier" : "housed at adverts they preferred"
            notes[a] = eligible == 0 ? "no eligible reaction" : "all \(eligible) eligible households were \(elsewhere), or turned away by a cap"
        }
        var reservedFor = ContiguousArray<Int32>(repeating: -1, count: market.adverts.count)
        for a in 0..<labels.count where labels[a] >= 0 { reservedFor[a] = Int32(floors[Int(labels[a])].quotaIndex) }
        var ageTier: [Int: String] = [:]
        for (a, tier) in eligibility.ageTier { ageTier[a] = tier.map { $0.description } ?? "everyone (no reaction met a tier)" }
        return Allocation(
            policyName: policy.name, mechanism: policy.mechanism, seed: policy.seed,
            groupNames: policy.groups.map(\.name), household: household, reaction: reaction,
            reservedFor: reservedFor, quotaNames: policy.quotas.map(\.name) + caps.filter { c in !policy.quotas.contains { $0.name == c.name } }.map(\.name),
            exclusion: eligibility.reason, position: position, groups: groups, preference: PreferenceRanks(market.reactions),
            refusedBy: matching.refusedBy, caps: caps.map(\.rule), aboveDaebLimit: eligibility.aboveDaebLimit,
            benefitEligible: eligibility.benefitEligible, passendException: eligibility.passendException,
            lettingGroups: lettingGroups, lettingAboveDaebLimit: aboveDaeb, lettingBenefitEligible: benefit,
            lettingPassendException: exception, notes: notes, byLottery: ranking.byLottery,
            ageTier: ageTier, quotas: floorOutcomes(matching, labels) + capOutcomes(matching), period: period,
            rounds: rounds, rankingComponents: ranking.components, rankingKeys: ranking.keys)
    }

    private func floorOutcomes(_ matching: Matching, _ labels: ContiguousArray<Int32>) -> [QuotaOutcome] {
        var outcomes: [QuotaOutcome] = []
        for (i, plan) in floors.enumerated() {
            let achieved = floorAchieved(plan, matching)
            let group = policy.groups[plan.groupIndex]
            for s in 0..<plan.scope.names.count {
                let inScope = (0..<market.adverts.count).filter { plan.scope.ofAdvert[$0] == Int32(s) }
                guard !inScope.isEmpty || plan.soFar[s].lettings > 0 else { continue }
                let target = FloorPlan.target(plan.quota, soFar: plan.soFar[s], lettings: lettings(in: plan.scope, s, matching))
                let reserved = inScope.filter { labels[$0] == Int32(i) }
                let shortfall = max(0, target - achieved[s])
                var reason = "met"
                var bound: Int?
                if shortfall > 0 {
                    let reach = floorBound(plan, s)
                    bound = reach
                    if reach < target {
                        reason = "too few eligible reactions from \(group.name): no allocation could give it more than \(reach)"
                    } else if policy.labelling == .given && reserved.count == plan.candidates[s].count {
                        reason = "too few adverts labelled for \(plan.quota.name) in the export (labelling: given); any allocation could reach \(reach)"
                    } else if !policy.relabel {
                        reason = "reserves did not reach it and relabel is off; any allocation could reach \(reach)"
                    } else {
                        reason = policy.mechanism == .sequential
                            ? "the order of offers: any allocation could reach \(reach), but no further reserve would raise it: wherever a household outside \(group.name) holds an advert here, each \(group.name) household that reacted to it and was not housed at an advert offered earlier was turned away by a cap or would put one over"
                            : "the price of stability: any allocation could reach \(reach), but no further reserve would raise it: wherever a household outside \(group.name) holds an advert here, each \(group.name) household that wanted it more was turned away by a cap or would put one over"
                    }
                }
                outcomes.append(QuotaOutcome(quota: plan.quota.name, kind: .floor, scope: plan.scope.names[s], period: plan.quota.period,
                                             unit: plan.quota.unit, target: target, reserved: reserved.count,
                                             achieved: achieved[s], shortfall: shortfall, bound: bound, reason: reason))
            }
        }
        return outcomes
    }

    /// What any allocation could give the floor's group in scope value `s`, the period's
    /// earlier lettings and this batch's direct lettings included (see ``FloorBound``).
    func floorBound(_ plan: FloorPlan, _ s: Int) -> Int {
        let bit = UInt32(1) << UInt32(plan.groupIndex)
        var total = plan.soFar[s].group
        var housedDirectly = Set<Int>()
        for (a, h) in direct {
            housedDirectly.insert(h)
            if plan.scope.ofAdvert[a] == Int32(s), directGroups[a, default: 0] & bit != 0 { total += weight(household: h, plan.quota.unit) }
        }
        var bound = FloorBound()
        var local: [Int: Int] = [:]
        for a in 0..<market.adverts.count where plan.scope.ofAdvert[a] == Int32(s) && market.adverts.model[a] != .direct
            && !prepared.alreadyLet.contains(a) {
            let column = Int32(bound.advertCount)
            bound.advertCount += 1
            for r in ranking.ranked(a) where groups[Int(r)] & bit != 0 {
                let h = Int(market.reactions.household[Int(r)])
                guard !housedDirectly.contains(h) else { continue }
                let row = local[h] ?? {
                    local[h] = bound.adverts.count
                    bound.adverts.append([])
                    bound.weights.append(weight(household: h, plan.quota.unit))
                    return bound.adverts.count - 1
                }()
                bound.adverts[row].append(column)
            }
        }
        return total + bound.maximum()
    }

    private func capOutcomes(_ matching: Matching) -> [QuotaOutcome] {
        var outcomes: [QuotaOutcome] = []
        for (c, plan) in caps.enumerated() {
            let base = plan.baseLettings(context, matching)
            var refused = Array(repeating: 0, count: plan.scope.names.count)
            var directUsed = Array(repeating: 0, count: plan.scope.names.count)
            for (a, h) in direct where plan.directMember[a] == true {
                directUsed[Int(plan.scope.ofAdvert[a])] += weight(household: h, plan.unit)
            }
            for (r, refusing) in matching.refusedBy.refused where refusing & (1 << UInt64(c)) != 0 {
                refused[Int(plan.scope.ofAdvert[Int(market.reactions.advert[r])])] += 1
            }
            for s in 0..<plan.scope.names.count {
                let achieved = plan.soFar[s].group + matching.caps[c].used[s]
                guard base[s] > 0 || achieved > 0 || refused[s] > 0 || plan.soFar[s].lettings > 0 else { continue }
                let allowed = plan.allowed(s, baseLettings: base[s])
                let turnedAway = refused[s] > 0 ? "\(refused[s]) reaction(s) turned away to stay within it" : ""
                let reason: String
                if achieved > allowed {
                    // The mechanism never lets a cap overflow; what is over came before it or past it.
                    var causes: [String] = []
                    if directUsed[s] > 0 { causes.append("direct allocations (\(directUsed[s])), which the cap cannot refuse") }
                    if plan.soFar[s].group > 0 { causes.append("earlier batches of the period (\(plan.soFar[s].group))") }
                    reason = "exceeded by " + causes.joined(separator: " and ") + (turnedAway.isEmpty ? "" : "; " + turnedAway)
                } else {
                    reason = turnedAway.isEmpty ? "within the cap" : "cap reached: " + turnedAway
                }
                outcomes.append(QuotaOutcome(quota: plan.name, kind: .cap, scope: plan.scope.names[s], period: plan.period,
                                             unit: plan.unit, target: allowed, reserved: 0, achieved: achieved,
                                             shortfall: 0, bound: nil, reason: reason))
            }
        }
        return outcomes
    }
}

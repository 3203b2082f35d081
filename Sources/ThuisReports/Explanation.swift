import ThuisCore

/// Plain-language explanations of an allocation, for a household or an advert: what a
/// municipality's complaints officer needs to answer "why not me?".
public struct Explanation {
    let facts: AllocationFacts
    let outcomes: ReactionOutcomes
    var market: Market { facts.market }
    var allocation: Allocation { facts.allocation }

    public init(_ facts: AllocationFacts) {
        self.facts = facts
        outcomes = ReactionOutcomes(facts.market, facts.allocation)
    }

    // MARK: Household

    /// Why household `h` got what it got, advert by advert.
    public func household(_ h: Int) -> String {
        let hh = market.households
        let id = hh.ids[h]
        var out = "Household \(id): \(describeHousehold(h))\n"
        let housedAt = outcomes.housedAt[h] >= 0 ? Int(outcomes.housedAt[h]) : nil
        if let a = housedAt {
            let r = allocation.reaction[a]
            let choice = r >= 0 ? " (its choice \(allocation.preference[Int(r)]) of \(market.reactions.ofHousehold(h).count))" : ""
            out += market.adverts.model[a] == .direct
                ? "Allocated \(market.adverts.ids[a]) directly: the landlord named this household (direct allocation).\n"
                : "Housed: \(market.adverts.ids[a])\(choice).\n"
        } else {
            out += "Not housed in this batch.\n"
        }
        let reactions = market.reactions.ofHousehold(h)
        if reactions.isEmpty { out += "It reacted to no advert in this batch.\n" }
        if !reactions.isEmpty { out += "\nIts reactions, most wanted first:\n" }
        for r in reactions {
            let a = Int(market.reactions.advert[r])
            out += "\n\(allocation.preference[r]). \(market.adverts.ids[a]): \(describeAdvert(a))\n"
            out += indent(reactionStory(r))
        }
        return out
    }

    /// For a reaction the ledger's offer history excluded, what that history holds: " (it
    /// refused P05 (batch ..., offered ...) on ...)"; empty for any other exclusion.
    private func offerHistory(_ exclusion: ExclusionReason, household: String, advert: String) -> String {
        guard exclusion.isOfferHistory,
              let bar = allocation.period.offerHistory.bar(household: household, advert: advert, facts.policy.offers) else { return "" }
        return " (\(bar.how))"
    }

    private func reactionStory(_ r: Int) -> String {
        let a = Int(market.reactions.advert[r]), h = Int(market.reactions.household[r])
        let winner = Int(allocation.household[a])
        var lines: [String] = []
        let exclusion = allocation.exclusion[r]
        if exclusion != .eligible {
            var why = "Not eligible (\(exclusion.code)): \(exclusion.explanation)"
            if exclusion == .ageLabel, let tier = allocation.ageTier[a] { why += "; the tier that applied is \(tier), the household's oldest member is \(age(h))" }
            why += offerHistory(exclusion, household: market.households.ids[h], advert: market.adverts.ids[a])
            lines.append(why + ".")
        } else {
            let eligibleCount = market.reactions.ofAdvert(a).filter { allocation.exclusion[Int($0)] == .eligible }.count
            lines.append("Eligible; number \(allocation.position[r]) of \(eligibleCount) on the candidate list.")
            if allocation.aboveDaebLimit[r] { lines.append("Its income is above the DAEB limit, so it counts against the corporation's free share (daeb-free-share).") }
            if allocation.passendException[r] { lines.append("The rent is above the aftoppingsgrens for its income, so it counts against the 5% of exceptions (passend-exceptions).") }
        }
        if winner == h {
            lines.append(market.adverts.model[a] == .direct ? "The landlord allocated it directly to this household." : "This household got the advert.")
            if let reserve = reserveSentence(a), let g = reserveGroup(a), allocation.isMember(r, group: g) { lines.append(reserve) }
        } else if winner >= 0 {
            let w = Int(allocation.reaction[a])
            var sentence = "Let to \(market.households.ids[winner])"
            if w >= 0 && market.adverts.model[a] != .direct { sentence += " (number \(allocation.position[w]))" }
            lines.append(sentence + ".")
            if market.adverts.model[a] == .direct {
                lines.append("The landlord allocated it directly to that household.")
            } else if let why = whyNotHere(r) {
                lines.append(why)
            }
        } else {
            lines.append("Not let in this batch: \(allocation.notes[a] ?? "no household could take it").")
            if exclusion == .eligible, market.adverts.model[a] != .direct, let why = whyNotHere(r) { lines.append(why) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why eligible reaction `r` did not get its advert, from its outcome (the same fact as the
    /// `outcome` column of candidates.csv).
    private func whyNotHere(_ r: Int) -> String? {
        let a = Int(market.reactions.advert[r])
        func choice(_ x: Int) -> String {
            let held = Int(allocation.reaction[x])
            return held >= 0 ? ", its choice \(allocation.preference[held])" : ""
        }
        switch outcomes(r) {
        case .rankedBelow:
            let w = Int(allocation.reaction[a])
            return "\(market.households.ids[Int(allocation.household[a])]) came first because \(whyFirst(w, over: r))."
        case .refused(let bits):
            let claims = allocation.capClaims(r, in: market)
            guard claims.allSatisfy({ $0 != nil }) else {
                return "This household was turned away here by the cap \(allocation.capNames(bits).joined(separator: " and ")) (see quota-report.csv)."
            }
            if bits & CapRefusals.kept != 0 {
                return "This household was turned away here by " + claims.compactMap { $0 }.map { claim in
                    "the cap \(claim.cap) when the run came to it (\(claim.scope): at most \(claim.target); it ends at \(claim.achieved), and with this household here it would be \(claim.withReaction))"
                }.joined(separator: " and by ") + "; at the end the cap has room, but every way of letting it in moved other households so that another rule broke (a cap's limit fell below its count, a floor fell or a letting was lost), so the refusal stands."
            }
            var sentence = "This household was turned away here by " + claims.compactMap { $0 }.map { claim in
                "the cap \(claim.cap) (\(claim.scope): at most \(claim.target); it ends at \(claim.achieved), and with this household here it would be \(claim.withReaction))"
            }.joined(separator: " and by ")
            // A cap with room at the end still turns it away where letting it in would lower a short floor.
            if claims.allSatisfy({ $0!.withReaction <= $0!.target }), let floor = facts.floorClaim(r) {
                sentence += "; with this household here the floor \(floor.quota) would fall short (\(floor.scope): at least \(floor.target); it ends at \(floor.achieved), and it would be \(floor.withReaction))"
            }
            return sentence + "."
        case .housedPreferred(let x):
            return "This household ranked higher here, but was housed at \(market.adverts.ids[x])\(choice(x)), which it wanted more (this was its choice \(allocation.preference[r]))."
        case .housedEarlier(let x):
            return "This household ranked higher here, but was already housed at \(market.adverts.ids[x])\(choice(x)), offered before this advert (sequential offers go in publication order)."
        case .housedDirectly(let x):
            return "This household was allocated \(market.adverts.ids[x]) directly, so it took part no further."
        case .unexplained:
            return "This household ranked higher here and was not housed elsewhere or turned away by a cap: the allocation is not stable here (run thuis verify)."
        case .ineligible, .let_, .direct, .advertDirect:
            return nil
        }
    }

    /// What put reaction `w` before reaction `r` at their advert: the reserve, or the first
    /// ranking criterion on which they differ (with both keys), or the final tie-break.
    enum FirstReason {
        case reserve(group: Int)
        case criterion(RankingComponent, winner: Int64, other: Int64)
        case tieBreak
    }

    func firstReason(_ w: Int, over r: Int) -> FirstReason {
        let a = Int(market.reactions.advert[w])
        if let g = reserveGroup(a), allocation.isMember(w, group: g), !allocation.isMember(r, group: g) { return .reserve(group: g) }
        let kw = allocation.rankingKey(w), kr = allocation.rankingKey(r)
        let components: [RankingComponent]
        if allocation.byLottery[a] {
            components = [.lottery, .household]
        } else if market.adverts.model[a] == .firstComeFirstServed {
            components = [.reactionDate, .lottery, .household]
        } else {
            components = allocation.rankingComponents
        }
        for (i, component) in components.enumerated() where kw[kw.startIndex + i] != kr[kr.startIndex + i] {
            return .criterion(component, winner: kw[kw.startIndex + i], other: kr[kr.startIndex + i])
        }
        return .tieBreak
    }

    /// The first ranking criterion on which reaction `w` beats reaction `r` at their advert.
    func whyFirst(_ w: Int, over r: Int) -> String {
        let a = Int(market.reactions.advert[w])
        let hw = Int(market.reactions.household[w]), hr = Int(market.reactions.household[r])
        switch firstReason(w, over: r) {
        case .reserve(let g):
            return "the advert was reserved for \(facts.reserveName(a)) and it belongs to \(allocation.groupNames[g])"
        case .tieBreak:
            return "of the final tie-break"
        case .criterion(let component, let winner, let other):
            switch component {
            case .priorityPrecedence:
                return other == Int64(Int32.max)
                    ? "it holds a valid priority status here (\(statuses(hw, a))) and this household does not"
                    : "its priority (\(statuses(hw, a))) comes before this household's (\(statuses(hr, a))) in the policy's order"
            case .priorityStart: return "both have priority, and its status started earlier (longer urgency)"
            case .localBinding: return "it lives or works in the advert's municipality"
            case .targetGroup: return "it fits the dwelling's target group better"
            case .registration:
                return "it registered earlier (\(market.households.registrationDate[hw]) against \(market.households.registrationDate[hr]))"
            case .points: return "it has more points (\(-winner) against \(-other))"
            case .reactionDate: return "it reacted earlier (first come, first served)"
            case .lottery: return "the lottery drew it first (seed \(allocation.seed))"
            case .household: return "of the final tie-break by household id"
            }
        }
    }

    // MARK: Advert

    /// The candidate list of advert `a` and how it was let.
    public func advert(_ a: Int) -> String {
        var out = "Advert \(market.adverts.ids[a]): \(describeAdvert(a))\n"
        if let tier = allocation.ageTier[a] { out += "Age label: the tier that applied is \(tier).\n" }
        if allocation.byLottery[a] {
            out += market.adverts.model[a] == .lottery ? "Let by lottery (a LOT advert).\n"
                : "Let by lottery: one of the adverts the policy's lottery share chose.\n"
        }
        if let reserve = reserveSentence(a) { out += reserve + "\n" }
        let winner = Int(allocation.household[a])
        out += winner >= 0 ? "Let to \(market.households.ids[winner]).\n" : "Not let: \(allocation.notes[a] ?? "").\n"
        let reactions = market.reactions.ofAdvert(a).map(Int.init)
        let eligible = reactions.filter { allocation.exclusion[$0] == .eligible }.sorted { allocation.position[$0] < allocation.position[$1] }
        out += "\nCandidate list (\(eligible.count) eligible of \(reactions.count) reactions):\n"
        for r in eligible {
            let h = Int(market.reactions.household[r])
            var line = "\(String(allocation.position[r]).leftPadded(4)). \(market.households.ids[h])"
            if Int32(h) == allocation.household[a] { line += "  <- got it" }
            if allocation.refusedBy[r] != 0 { line += "  turned away here: cap \(allocation.capNames(allocation.refusedBy[r]).joined(separator: ", ")) reached" }
            let other = Int(outcomes.housedAt[h])
            if Int32(h) != allocation.household[a], other >= 0 {
                line += "  housed at \(market.adverts.ids[other])"
                if case .housedPreferred = outcomes(r) { line += " (wanted more)" }
            }
            let groups = facts.groupNames(allocation.groups[r])
            if !groups.isEmpty { line += "  [\(groups.joined(separator: ", "))]" }
            out += line + "\n"
        }
        let excluded = reactions.filter { allocation.exclusion[$0] != .eligible }
        if !excluded.isEmpty {
            out += "\nNot eligible:\n"
            for r in excluded {
                let h = market.households.ids[Int(market.reactions.household[r])], exclusion = allocation.exclusion[r]
                out += "      \(h): \(exclusion.code), \(exclusion.explanation)\(offerHistory(exclusion, household: h, advert: market.adverts.ids[a]))\n"
            }
        }
        return out
    }

    // MARK: Descriptions

    func reserveGroup(_ a: Int) -> Int? {
        let q = Int(allocation.reservedFor[a])
        guard q >= 0 else { return nil }
        return allocation.groupNames.firstIndex(of: facts.policy.quotas[q].group)
    }

    private func reserveSentence(_ a: Int) -> String? {
        guard let g = reserveGroup(a) else { return nil }
        let holder = allocation.reaction[a]
        let kept = holder >= 0 && allocation.isMember(Int(holder), group: g)
        return "Reserved for \(allocation.groupNames[g]) (quota \(facts.reserveName(a))): its members came first"
            + (kept ? "; a member got it." : "; no member was matched here, so it reverted to open.")
    }

    private func age(_ h: Int) -> Int { market.batch.referenceDate.years(since: market.households.oldestBirthDate[h]) }

    private func statuses(_ h: Int, _ a: Int) -> String {
        let valid = validStatuses(h, a)
        return valid.isEmpty ? "none" : valid.map { "\(market.priorities.kind[$0].rawValue)/\(market.priorities.category[$0].rawValue)" }.joined(separator: ", ")
    }

    /// The household's priority statuses valid on the peildatum at advert `a`'s dwelling.
    func validStatuses(_ h: Int, _ a: Int) -> [Int] {
        let d = Int(market.adverts.dwelling[a])
        return market.households.priorityRange(h).filter {
            market.priorities.isValid($0, on: market.batch.referenceDate) && market.priorities.applies($0, atDwelling: d, of: market.dwellings)
        }
    }

    func describeHousehold(_ h: Int) -> String {
        let hh = market.households
        let municipality = hh.municipality[h] >= 0 ? "living in \(market.municipalities[Int(hh.municipality[h])]), " : ""
        var text = "\(municipality)\(hh.persons[h]) person(s) (\(hh.adults[h]) adult(s)), oldest member \(age(h)), "
        text += "income \(hh.income[h]), registered \(hh.registrationDate[h])"
        let day = market.batch.referenceDate
        let statuses = hh.priorityRange(h).map { p -> String in
            let valid = market.priorities.isValid(p, on: day)
            let places = market.priorities.scope[Int(market.priorities.scopeStart[p])..<Int(market.priorities.scopeStart[p + 1])]
                .map { market.municipalities[Int($0)] } + Set(market.priorities.areas(of: p).map { "\($0.kind.word) \($0.code)" }).sorted()
            let scope = places.isEmpty ? "" : " in " + places.joined(separator: ", ")
            let end = market.priorities.end[p].map { " to \($0)" } ?? ""
            return "\(market.priorities.kind[p].rawValue)/\(market.priorities.category[p].rawValue) from \(market.priorities.start[p])\(end)\(scope)\(valid ? "" : " (not valid on the peildatum)")"
        }
        text += statuses.isEmpty ? "; no priority status" : "; priority: " + statuses.joined(separator: "; ")
        return text + "."
    }

    func describeAdvert(_ a: Int) -> String {
        let d = Int(market.adverts.dwelling[a]), dw = market.dwellings
        var text = "\(market.adverts.model[a].rawValue) advert for \(dw.ids[d]) in \(market.municipalities[Int(dw.municipality[d])])"
        let buurt = dw.area(.neighbourhood, of: d)
        if buurt >= 0 { text += ", buurt \(market.areas[AreaKind.neighbourhood.rawValue][Int(buurt)])" }
        text += " (\(market.corporations[Int(dw.corporation[d])])), \(dw.rooms[d]) rooms, rent \(dw.rent[d])"
        if let t = dw.targetGroup[d] { text += ", target group \(t.rawValue)" }
        if let t = dw.additionalTargetGroup[d] { text += ", set aside for \(t.rawValue)" }
        return text
    }

    private func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "   \($0)" }.joined(separator: "\n")
    }
}

import ThuisCore

/// A letter to a household about a batch, in plain Dutch (or English): the homes it reacted to,
/// for each whether it could be considered and why not, its place and what decided, and what it
/// can do. Each sentence states the same facts as ``Explanation`` (and the `outcome` column of
/// candidates.csv), in words a household reads: no codes, file names or seeds.
public struct HouseholdLetter {
    let explanation: Explanation
    let words: LetterWording
    var facts: AllocationFacts { explanation.facts }
    var market: Market { facts.market }
    var allocation: Allocation { facts.allocation }
    var outcomes: ReactionOutcomes { explanation.outcomes }
    var dutch: Bool { words.dutch }

    public init(_ facts: AllocationFacts, language: LetterLanguage = .nl) {
        explanation = Explanation(facts)
        words = LetterWording(language: language)
    }

    /// The letter to household `h`.
    public func letter(_ h: Int) -> String {
        let reactions = market.reactions.ofHousehold(h)
        let day = words.date(market.batch.referenceDate)
        var out = dutch ? "Uitslag van de woningtoewijzing van \(day)\n" : "The outcome of the allocation of homes of \(day)\n"
        out += (dutch ? "Inschrijfnummer: " : "Registration number: ") + market.households.ids[h] + "\n\n"
        out += dutch ? "Beste bewoner(s),\n\n" : "Dear resident(s),\n\n"
        let homes = reactions.count == 1 ? (dutch ? "1 woning" : "1 home") : "\(reactions.count) " + (dutch ? "woningen" : "homes")
        out += reactions.isEmpty
            ? (dutch ? "U heeft in deze ronde op geen woning gereageerd.\n" : "You reacted to no home in this round.\n")
            : (dutch ? "U heeft gereageerd op \(homes). Hieronder leest u per woning of u ervoor in aanmerking kwam, op welke plaats u stond en wat de doorslag gaf.\n"
                     : "You reacted to \(homes). Below you can read, for each home, whether you could be considered, your place and what decided.\n")
        out += "\n" + result(h) + "\n"
        for r in reactions {
            let a = Int(market.reactions.advert[r])
            out += "\n" + heading(r, a) + "\n"
            for sentence in story(r, a, h) { out += "- " + sentence + "\n" }
        }
        out += dutch ? "\nWat kunt u doen?\n" : "\nWhat can you do?\n"
        out += (facts.policy.letter.objection[words.language.rawValue] ?? (dutch
            ? "Heeft u een vraag over deze uitslag, of bent u het er niet mee eens? Neem dan contact op met de organisatie waar u staat ingeschreven als woningzoekende. Zij leggen uit hoe u bezwaar kunt maken."
            : "If you have a question about this outcome, or do not agree with it, contact the organisation where you are registered as a home seeker. They explain how to object.")) + "\n"
        out += (dutch ? "\nMet vriendelijke groet,\n" : "\nKind regards,\n")
            + (facts.policy.letter.sender ?? (dutch ? "Het woonruimteverdeelsysteem" : "The housing register")) + "\n"
        return out
    }

    /// Whether the household got a home, and which.
    func result(_ h: Int) -> String {
        let x = Int(outcomes.housedAt[h])
        guard x >= 0 else { return dutch ? "Uitslag: u krijgt in deze ronde geen woning aangeboden." : "Outcome: you are not offered a home in this round." }
        if market.adverts.model[x] == .direct {
            return dutch ? "Uitslag: de verhuurder heeft u de woning van advertentie \(market.adverts.ids[x]) rechtstreeks toegewezen."
                : "Outcome: the landlord let you the home of advert \(market.adverts.ids[x]) directly."
        }
        let r = Int(allocation.reaction[x])
        let choice = words.ordinal(Int(allocation.preference[r]))
        return dutch ? "Uitslag: u krijgt de woning van advertentie \(market.adverts.ids[x]) aangeboden, uw \(choice) keuze."
            : "Outcome: you are offered the home of advert \(market.adverts.ids[x]), your \(choice) choice."
    }

    /// "Uw 1e keuze: advertentie P04, 4 kamers, huur € 759,00 per maand, in Nieuwegein."
    func heading(_ r: Int, _ a: Int) -> String {
        let d = Int(market.adverts.dwelling[a]), dw = market.dwellings
        let choice = words.ordinal(Int(allocation.preference[r]))
        let place = words.municipality(market.municipalities[Int(dw.municipality[d])])
        return dutch ? "Uw \(choice) keuze: advertentie \(market.adverts.ids[a]), \(dw.rooms[d]) kamers, huur \(words.money(dw.rent[d])) per maand, in \(place)."
            : "Your \(choice) choice: advert \(market.adverts.ids[a]), \(dw.rooms[d]) rooms, rent \(words.money(dw.rent[d])) a month, in \(place)."
    }

    /// What happened to reaction `r` of household `h` at advert `a`, sentence by sentence.
    func story(_ r: Int, _ a: Int, _ h: Int) -> [String] {
        var lines: [String] = []
        let exclusion = allocation.exclusion[r]
        let holder = Int(allocation.household[a])
        if exclusion != .eligible {
            let target = market.dwellings.targetGroup[Int(market.adverts.dwelling[a])]
            lines.append((dutch ? "U kwam niet in aanmerking voor deze woning: " : "You could not be considered for this home: ")
                         + words.exclusion(exclusion, targetGroup: target) + ".")
        } else {
            let eligible = market.reactions.ofAdvert(a).lazy.filter { self.allocation.exclusion[Int($0)] == .eligible }.count
            lines.append(dutch ? "U kwam in aanmerking voor deze woning en stond op plaats \(allocation.position[r]) van \(eligible)."
                : "You could be considered for this home and were number \(allocation.position[r]) of \(eligible).")
        }
        if holder == h {
            lines.append(market.adverts.model[a] == .direct
                ? (dutch ? "De verhuurder heeft deze woning rechtstreeks aan u toegewezen." : "The landlord let this home to you directly.")
                : (dutch ? "U krijgt deze woning aangeboden." : "You are offered this home."))
            if let g = explanation.reserveGroup(a), allocation.isMember(r, group: g) {
                lines.append(dutch ? "De woning was met voorrang bestemd voor \(groupWords(g)); daar hoort u bij."
                    : "The home was set aside first for \(groupWords(g)); you are one of them.")
            }
            return lines
        }
        if market.adverts.model[a] == .direct {
            lines.append(dutch ? "De verhuurder heeft deze woning rechtstreeks toegewezen aan een huishouden dat zij zelf aanwees."
                : "The landlord let this home directly to a household it named.")
            return lines
        }
        if holder < 0 { lines.append(dutch ? "Deze woning is in deze ronde niet verhuurd." : "This home was not let in this round.") }
        guard exclusion == .eligible else { return lines }
        let w = Int(allocation.reaction[a])
        let above = holder >= 0 && w >= 0
            ? (dutch ? "U stond hoger dan het huishouden dat de woning kreeg (plaats \(allocation.position[w])), maar "
                     : "You were above the household that got the home (number \(allocation.position[w])), but ")
            : (dutch ? "Niemand kreeg deze woning, maar " : "Nobody got this home, but ")
        switch outcomes(r) {
        case .rankedBelow:
            lines.append(dutch ? "De woning ging naar het huishouden op plaats \(allocation.position[w]): \(whyFirst(w, over: r))."
                : "The home went to the household at number \(allocation.position[w]): \(whyFirst(w, over: r)).")
        case .refused(let bits) where bits & CapRefusals.kept != 0:
            let claims = allocation.capClaims(r, in: market).compactMap { $0 }
            lines.append(above + claims.map(capWords).joined(separator: dutch ? "; en " : "; and ")
                         + (dutch ? ". Aan het eind was er wel ruimte, maar als u de woning had gekregen, waren andere huishoudens verschoven en was een andere regel van de verdeling geschonden."
                                  : ". At the end there was room, but had you got the home, other households would have moved and another rule of the allocation would have been broken."))
        case .refused:
            let claims = allocation.capClaims(r, in: market).compactMap { $0 }
            var sentence = above + claims.map(capWords).joined(separator: dutch ? "; en " : "; and ")
            if claims.allSatisfy({ $0.withReaction <= $0.target }), let floor = facts.floorClaim(r) { sentence += floorWords(floor) }
            lines.append(sentence + ".")
        case .housedPreferred(let x):
            let choice = words.ordinal(Int(allocation.preference[Int(allocation.reaction[x])]))
            lines.append(above + (dutch ? "u krijgt een woning die u liever wilde (advertentie \(market.adverts.ids[x]), uw \(choice) keuze)."
                                        : "you are offered a home you wanted more (advert \(market.adverts.ids[x]), your \(choice) choice)."))
        case .housedEarlier(let x):
            lines.append(above + (dutch ? "u kreeg eerder al een woning aangeboden (advertentie \(market.adverts.ids[x])); woningen worden aangeboden in de volgorde waarin ze zijn gepubliceerd."
                                        : "you were offered a home before (advert \(market.adverts.ids[x])); homes are offered in the order they were published."))
        case .housedDirectly(let x):
            lines.append(dutch ? "U kreeg rechtstreeks een woning toegewezen (advertentie \(market.adverts.ids[x])) en deed daarna niet meer mee."
                : "You were let a home directly (advert \(market.adverts.ids[x])) and took part no further.")
        case .unexplained:
            lines.append(dutch ? "U stond hoger en kreeg geen andere woning; wij kunnen deze uitslag niet verklaren en laten hem nakijken."
                : "You were higher and got no other home; we cannot explain this outcome and will have it checked.")
        case .ineligible, .let_, .direct, .advertDirect:
            break
        }
        return lines
    }

    private func groupWords(_ g: Int) -> String {
        facts.policy.group(named: allocation.groupNames[g]).map(words.group) ?? allocation.groupNames[g]
    }

    /// A cap's refusal: "in de regio mochten in deze ronde ten hoogste 6 woningen gaan naar ...;
    /// met u erbij waren het er 7 geworden".
    func capWords(_ claim: Allocation.CapClaim) -> String {
        let code = claim.scope.split(separator: " ").last.map(String.init) ?? ""
        let scope = words.scope(claim.rule.scope, municipality: code), period = words.period(claim.period)
        let one = claim.target == 1
        let count = claim.rule.unit == .persons ? (dutch ? (one ? "persoon" : "personen") : (one ? "person" : "persons"))
            : (dutch ? (one ? "woning" : "woningen") : (one ? "home" : "homes"))
        let who: String
        switch claim.rule.counts {
        case .group(let g): who = groupWords(g)
        case .aboveDaebLimit: who = dutch ? "huishoudens met een inkomen boven de grens voor sociale huur, zoals u" : "households with an income above the limit for social rent, like yours"
        case .passendException: who = dutch ? "huishoudens met uw inkomen bij een huur boven hun grens" : "households with your income at a rent above their limit"
        }
        let limit = claim.target == 0 ? (dutch ? "nog geen \(count)" : "no \(count) yet") : (dutch ? "ten hoogste \(claim.target) \(count)" : "at most \(claim.target) \(count)")
        return dutch ? "\(scope) mochten \(period) \(limit) gaan naar \(who); met u erbij waren het er \(claim.withReaction) geworden"
            : "\(scope) \(period), \(limit) could go to \(who); with you it would have been \(claim.withReaction)"
    }

    /// A floor the refusal protects: "; maar dan waren er in Utrecht minder dan de afgesproken 40
    /// woningen naar ... gegaan (het waren er 39 geworden)".
    func floorWords(_ floor: AllocationFacts.FloorClaim) -> String {
        let group = facts.policy.group(named: floor.group).map(words.group) ?? floor.group
        let code = floor.scope.split(separator: " ").last.map(String.init) ?? ""
        let kind = facts.policy.quotas.first { $0.name == floor.quota }
        let scope = words.scope(kind?.scope ?? .region, municipality: code), period = words.period(kind?.period ?? .batch)
        let count = kind?.unit == .persons ? (dutch ? "personen" : "persons") : (dutch ? "woningen" : "homes")
        return dutch ? ", maar dan waren \(scope) \(period) minder dan de afgesproken \(floor.target) \(count) naar \(group) gegaan (het waren er \(floor.withReaction) geworden)"
            : ", but then fewer than the agreed \(floor.target) \(count) would have gone to \(group) \(scope) \(period) (it would have been \(floor.withReaction))"
    }

    /// Why the holder came first, in words a household reads.
    func whyFirst(_ w: Int, over r: Int) -> String {
        let a = Int(market.reactions.advert[w])
        let hw = Int(market.reactions.household[w]), hr = Int(market.reactions.household[r])
        func statuses(_ h: Int) -> String {
            words.list(explanation.validStatuses(h, a).map { words.priority(market.priorities.category[$0]) })
        }
        switch explanation.firstReason(w, over: r) {
        case .reserve(let g):
            return dutch ? "de woning was met voorrang bestemd voor \(groupWords(g)), en dat huishouden hoort daarbij"
                : "the home was set aside first for \(groupWords(g)), and that household is one of them"
        case .tieBreak:
            return dutch ? "u stond in alles gelijk, en een vaste volgorde van inschrijving besliste" : "you were equal in everything, and a fixed order of registration decided"
        case .criterion(let component, let winner, let other):
            switch component {
            case .priorityPrecedence:
                return other == Int64(Int32.max)
                    ? (dutch ? "dat huishouden heeft voorrang \(statuses(hw)) die bij deze woning geldt, en u niet"
                             : "that household has priority \(statuses(hw)) that counts for this home, and you do not")
                    : (dutch ? "de voorrang van dat huishouden (\(statuses(hw))) gaat volgens de regels voor die van u (\(statuses(hr)))"
                             : "that household's priority (\(statuses(hw))) comes before yours (\(statuses(hr))) under the rules")
            case .priorityStart:
                return dutch ? "u heeft allebei voorrang, maar die van dat huishouden loopt al langer" : "you both have priority, but that household's has run longer"
            case .localBinding:
                let place = words.municipality(market.municipalities[Int(market.dwellings.municipality[Int(market.adverts.dwelling[a])])])
                return dutch ? "dat huishouden woont of werkt in \(place), waar de woning staat" : "that household lives or works in \(place), where the home is"
            case .targetGroup:
                let target = market.dwellings.targetGroup[Int(market.adverts.dwelling[a])].map { " (\(words.targetGroup($0)))" } ?? ""
                return dutch ? "dat huishouden past beter bij de doelgroep van de woning\(target)" : "that household fits the home's target group\(target) better"
            case .registration:
                let since = words.date(market.households.registrationDate[hw]), yours = words.date(market.households.registrationDate[hr])
                return dutch ? "dat huishouden staat langer ingeschreven (sinds \(since); u sinds \(yours))"
                    : "that household has been registered longer (since \(since); you since \(yours))"
            case .points:
                return dutch ? "dat huishouden heeft meer punten (\(-winner) tegen uw \(-other))" : "that household has more points (\(-winner) against your \(-other))"
            case .reactionDate:
                return dutch ? "dat huishouden reageerde eerder, en bij deze woning telt wie het eerst reageert" : "that household reacted earlier, and for this home the first to react comes first"
            case .lottery:
                return dutch ? "bij deze woning besliste loting, en die viel gunstiger uit voor dat huishouden" : "a lottery decided for this home, and it favoured that household"
            case .household:
                return dutch ? "u stond in alles gelijk, en een vaste volgorde van inschrijving besliste" : "you were equal in everything, and a fixed order of registration decided"
            }
        }
    }
}

import ThuisCore

/// The language of a letter to a household.
public enum LetterLanguage: String, Sendable, CaseIterable {
    case nl, en
}

/// The words of a household letter in one language: codes turned into what they mean for the
/// household, dates and money as people write them. No code, file name or seed reaches a letter.
struct LetterWording {
    let language: LetterLanguage
    var dutch: Bool { language == .nl }

    func date(_ day: Day) -> String {
        let (y, m, d) = day.components
        let months = dutch
            ? ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(d) \(months[m - 1]) \(y)"
    }

    func money(_ amount: Money) -> String {
        dutch ? "€ " + amount.description.replacingOccurrences(of: ".", with: ",") : "€" + amount.description
    }

    /// "1e", "2e" in Dutch; "1st", "2nd", "3rd", "11th" in English.
    func ordinal(_ n: Int) -> String {
        if dutch { return "\(n)e" }
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    func municipality(_ code: String) -> String {
        MunicipalityNames.known[code] ?? (dutch ? "de gemeente met CBS-nummer \(code)" : "the municipality with CBS number \(code)")
    }

    /// A priority category as the reason for priority: "om medische redenen", "on medical grounds".
    func priority(_ category: PriorityCategory) -> String {
        switch category {
        case .medical: return dutch ? "om medische redenen" : "on medical grounds"
        case .social: return dutch ? "om sociale redenen" : "on social grounds"
        case .homeless: return dutch ? "wegens dakloosheid" : "for homelessness"
        case .statusHolder: return dutch ? "als statushouder" : "as a refugee with a residence permit"
        case .outflow: return dutch ? "bij uitstroom uit zorg of opvang" : "on leaving care or a shelter"
        case .violence: return dutch ? "na huiselijk geweld" : "after domestic violence"
        case .informalCare: return dutch ? "als mantelzorger" : "as an informal carer"
        case .rehousing: return dutch ? "bij renovatie of sloop van de eigen woning" : "because their home is renovated or demolished"
        case .exDetainee: return dutch ? "na detentie" : "on leaving detention"
        case .keyProfession: return dutch ? "voor een cruciaal beroep" : "for a key profession"
        case .labourMigrant: return dutch ? "als arbeidsmigrant" : "as a labour migrant"
        case .caravanDweller: return dutch ? "als woonwagenbewoner" : "as a caravan dweller"
        }
    }

    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (dutch ? " of " : " or ") + items.last!
    }

    /// A policy group spelled out: "huishoudens met voorrang om medische redenen of als statushouder".
    func group(_ group: GroupDefinition) -> String {
        let reasons = PriorityCategory.allCases.filter { group.categories.contains($0) }.map(priority)
        return (dutch ? "huishoudens met voorrang " : "households with priority ") + list(reasons)
    }

    func targetGroup(_ t: TargetGroup) -> String {
        switch t {
        case .general: return dutch ? "iedereen" : "everyone"
        case .senior: return dutch ? "ouderen" : "older people"
        case .youth: return dutch ? "jongeren" : "young people"
        case .student: return dutch ? "studenten" : "students"
        case .family: return dutch ? "gezinnen met kinderen" : "families with children"
        case .care: return dutch ? "mensen met een zorgvraag" : "people who need care"
        }
    }

    /// Where a quota counts: "in de regio", "in Nieuwegein", "bij de verhuurder van deze woning",
    /// "in de buurt van deze woning" (no area codes: a letter names none).
    func scope(_ scope: Quota.Scope, municipality code: String) -> String {
        switch scope {
        case .region: return dutch ? "in de regio" : "in the region"
        case .municipality: return (dutch ? "in " : "in ") + municipality(code)
        case .corporation: return dutch ? "bij de verhuurder van deze woning" : "at this home's landlord"
        case .borough: return dutch ? "in het stadsdeel van deze woning" : "in this home's borough"
        case .district: return dutch ? "in de wijk van deze woning" : "in this home's district"
        case .neighbourhood: return dutch ? "in de buurt van deze woning" : "in this home's neighbourhood"
        case .complex: return dutch ? "in het complex van deze woning" : "in this home's complex"
        }
    }

    func period(_ period: Quota.Period) -> String {
        switch period {
        case .batch: return dutch ? "in deze ronde" : "in this round"
        case .halfYear: return dutch ? "dit halfjaar" : "this half-year"
        case .year: return dutch ? "dit jaar" : "this year"
        }
    }

    /// Why a household could not be considered, in the second person.
    func exclusion(_ reason: ExclusionReason, targetGroup: TargetGroup?) -> String {
        switch reason {
        case .eligible: return ""
        case .notNamed: return dutch ? "de verhuurder wijst deze woning rechtstreeks toe aan een ander huishouden" : "the landlord lets this home directly to another household"
        case .additionalTargetGroup: return dutch ? "de woning is bestemd voor een groep waar u niet bij hoort" : "the home is set aside for a group you do not belong to"
        case .targetGroup:
            let who = targetGroup.map { " (\(self.targetGroup($0)))" } ?? ""
            return dutch ? "u hoort niet bij de doelgroep van de woning\(who)" : "you are not in the home's target group\(who)"
        case .householdSize: return dutch ? "uw huishouden is te klein of te groot voor het aantal kamers" : "your household is too small or too large for the number of rooms"
        case .criterionAge: return dutch ? "u voldoet niet aan de leeftijdseis van de advertentie" : "you do not meet the advert's age requirement"
        case .criterionPersons: return dutch ? "uw huishouden voldoet niet aan de eis voor het aantal personen" : "your household does not meet the advert's requirement on its size"
        case .criterionIncome: return dutch ? "uw inkomen past niet bij de inkomenseis van de advertentie" : "your income does not meet the advert's income requirement"
        case .criterionBinding: return dutch ? "de advertentie vraagt om een band met de gemeente, en die heeft u niet" : "the advert asks for ties to the municipality, which you do not have"
        case .criterionPriority: return dutch ? "de advertentie is alleen voor huishoudens met een bepaalde voorrang, en die heeft u niet" : "the advert is only for households with a certain priority, which you do not have"
        case .daebIncome: return dutch ? "uw inkomen ligt boven de inkomensgrens voor een sociale huurwoning" : "your income is above the limit for a social rental home"
        case .passend: return dutch ? "de huur ligt boven de grens die bij uw inkomen hoort (passend toewijzen)" : "the rent is above the limit that goes with your income (the rule on affordable lettings)"
        case .ageLabel: return dutch ? "de woning heeft een leeftijdslabel, en er reageerden huishoudens uit een leeftijdsgroep die voorgaat" : "the home has an age label, and households of an age group that comes first reacted"
        case .alreadyLet: return dutch ? "de woning was al verhuurd" : "the home was already let"
        case .alreadyHoused: return dutch ? "u heeft al een andere woning aangenomen" : "you have accepted another home"
        case .refusedBefore: return dutch ? "u heeft deze woning eerder geweigerd, of uw aanbod ervan is ingetrokken; we bieden hem niet opnieuw aan" : "you refused this home before, or your offer of it was withdrawn; it is not offered again"
        case .openOffer: return dutch ? "u heeft nog een aanbod waarop u moet antwoorden, en u kunt er niet meer tegelijk krijgen" : "you still have an offer to answer, and you cannot have more at the same time"
        }
    }
}

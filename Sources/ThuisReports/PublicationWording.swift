import ThuisCore

/// The words of the publication page, in Dutch (what a house seeker reads on a corporation's
/// website) or English: headings, and every code of the CSV spelled out.
public struct PublicationWording: Sendable {
    public enum Language: String, Sendable, CaseIterable { case nl, en }

    let language: Language

    public init(_ language: Language) { self.language = language }

    private func pick(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var headers: [String] {
        language == .nl
            ? ["Advertentie", "Gepubliceerd", "Gemeente", "Verhuurder", "Woning", "Model", "Reacties", "Geschikt", "Toegewezen op",
               "Plaats", "Inschrijfduur", "Voorrang", "Gereserveerd voor", "Stand"]
            : ["Advert", "Published", "Municipality", "Landlord", "Dwelling", "Model", "Reactions", "Eligible", "Let by",
               "Place", "Registration time", "Priority", "Reserved for", "State"]
    }

    /// PUBLICATIEMODEL, as VERA names it.
    func model(_ code: String) -> String {
        let nl = ["AAN": "aanbodmodel", "LOT": "loting", "OPT": "optiemodel", "DIS": "directe bemiddeling", "EER": "eerste reageerder"]
        let en = ["AAN": "offer model", "LOT": "lottery", "OPT": "option model", "DIS": "direct allocation", "EER": "first come, first served"]
        return (language == .nl ? nl : en)[code] ?? code
    }

    /// What decided the letting (`let_by`).
    func basis(_ code: String) -> String {
        let nl = ["registration": "inschrijfduur", "points": "punten", "lottery": "loting", "first_come": "eerste reageerder",
                  "priority": "voorrang (urgentie)", "direct": "aangewezen door de verhuurder", "ranking": "rangorde"]
        let en = ["registration": "registration time", "points": "points", "lottery": "lottery", "first_come": "first to react",
                  "priority": "priority (urgency)", "direct": "named by the landlord", "ranking": "ranking"]
        return (language == .nl ? nl : en)[code] ?? code
    }

    /// VOORRANGDETAILSOORT (and Thuis's additions ARB, WOW), as VERA names them in Dutch.
    func priority(_ code: String) -> String {
        guard let category = PriorityCategory(rawValue: code) else { return code }
        switch category {
        case .medical: return pick("medisch", "medical")
        case .social: return pick("sociaal", "social")
        case .homeless: return pick("(bijna) dakloos", "(nearly) homeless")
        case .statusHolder: return pick("statushouder", "status holder (refugee with a residence permit)")
        case .outflow: return pick("uitstroom maatschappelijke instelling", "leaving care or shelter")
        case .violence: return pick("geweld, bedreiging, overlast", "violence or threat")
        case .informalCare: return pick("mantelzorg", "informal care")
        case .rehousing: return pick("herhuisvesting", "rehousing (renovation or demolition)")
        case .exDetainee: return pick("ex-gedetineerd", "former detainee")
        case .keyProfession: return pick("beroep", "key profession")
        case .labourMigrant: return pick("arbeidsmigrant", "labour migrant")
        case .caravanDweller: return pick("woonwagenbewoner", "caravan dweller")
        }
    }

    /// The dwelling: its rooms and DOELGROEP.
    func dwelling(rooms: String, targetGroup: String) -> String {
        var parts: [String] = []
        if let n = Int(rooms) { parts.append(language == .nl ? "\(n) kamer\(n == 1 ? "" : "s")" : "\(n) room\(n == 1 ? "" : "s")") }
        if let group = TargetGroup(rawValue: targetGroup) {
            switch group {
            case .general: parts.append(pick("voor iedereen", "for everyone"))
            case .senior: parts.append(pick("senioren", "seniors"))
            case .youth: parts.append(pick("jongeren", "young people"))
            case .student: parts.append(pick("studenten", "students"))
            case .family: parts.append(pick("gezinnen", "families"))
            case .care: parts.append(pick("zorg", "care"))
            }
        } else if !targetGroup.isEmpty {
            parts.append(targetGroup)
        }
        return parts.joined(separator: ", ")
    }

    /// Registration time from whole months.
    func registration(months: Int) -> String {
        language == .nl ? "\(months / 12) jaar \(months % 12) mnd" : "\(months / 12) yr \(months % 12) mo"
    }

    /// The state of a row: offered (waiting for the answer), let on a day, or let (no ledger).
    func state(_ status: String, on day: String) -> String {
        switch status {
        case "offered": return pick("aangeboden, wacht op antwoord", "offered, awaiting the answer")
        case "let": return pick("verhuurd", "let") + (day.isEmpty ? "" : pick(" op ", " on ") + day)
        default: return status
        }
    }

    /// The sentence above the table.
    func introduction(lettings: Int, offered: Int) -> String {
        var counts: [String] = []
        if lettings > 0 || offered == 0 { counts.append(pick("\(lettings) woning(en) verhuurd", "\(lettings) dwelling(s) let")) }
        if offered > 0 {
            counts.append(pick("\(offered) woning(en) aangeboden: verhuurd zodra het huishouden accepteert",
                               "\(offered) dwelling(s) offered: let once the household accepts"))
        }
        return counts.joined(separator: "; ") + ". " + pick(
            "Per woning: hoeveel huishoudens reageerden en hoeveel er in aanmerking kwamen, wat de toewijzing besliste, de plaats op de kandidatenlijst van het huishouden dat de woning kreeg, en zijn inschrijfduur of voorrang. Er wordt geen huishouden genoemd.",
            "For each: how many households reacted and how many were eligible, what decided the letting, the place of the household that got it on the candidate list, and its registration time or priority category. No household is named.")
    }
}

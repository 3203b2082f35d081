import ThuisCore

/// Writes `toewijzingen.xml`: one Toewijzing per let advert, with VERA's names, for the
/// corporation's system to import (schema: `Fixtures/schema/thuis-toewijzingen-1.0.xsd`).
public enum ToewijzingenWriter {
    /// One letting as the XML needs it.
    public struct Letting: Sendable {
        public var advert: String
        public var dwelling: String
        public var household: String
        /// Place on the advert's candidate list; nil for a direct allocation without a reaction.
        public var position: Int?
        public var persons: Int
        public var income: Money
        public var rent: Money
        public var passendheidsoort: String
        public var targetGroup: String?
        public var reserve: String?
        /// (id, soort, detailSoort) of the statuses that applied.
        public var priorities: [(String, String, String)]

        public init(advert: String, dwelling: String, household: String, position: Int?, persons: Int, income: Money,
                    rent: Money, passendheidsoort: String, targetGroup: String?, reserve: String?,
                    priorities: [(String, String, String)]) {
            self.advert = advert
            self.dwelling = dwelling
            self.household = household
            self.position = position
            self.persons = persons
            self.income = income
            self.rent = rent
            self.passendheidsoort = passendheidsoort
            self.targetGroup = targetGroup
            self.reserve = reserve
            self.priorities = priorities
        }
    }

    /// The whole document.
    public static func document(batch: BatchInfo, policy: String, mechanism: String, seed: UInt64, lettings: [Letting]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<Toewijzingen versie=\"1.0\" peildatum=\"\(batch.referenceDate)\" regio=\"\(escape(batch.region))\" beleid=\"\(escape(policy))\" mechanisme=\"\(mechanism)\" seed=\"\(seed)\">\n"
        for l in lettings {
            var attributes = "publicatie=\"\(escape(l.advert))\" eenheid=\"\(escape(l.dwelling))\" relatie=\"\(escape(l.household))\""
            if let p = l.position { attributes += " positie=\"\(p)\"" }
            attributes += " datum=\"\(batch.referenceDate)\" huishoudgrootte=\"\(l.persons)\" rekeninkomen=\"\(l.income)\" rekenhuur=\"\(l.rent)\""
            attributes += " passendheidsoort=\"\(l.passendheidsoort)\""
            if let t = l.targetGroup { attributes += " doelgroep=\"\(t)\"" }
            if let r = l.reserve { attributes += " reservering=\"\(escape(r))\"" }
            if l.priorities.isEmpty {
                out += "  <Toewijzing \(attributes)/>\n"
            } else {
                out += "  <Toewijzing \(attributes)>\n"
                for (id, kind, category) in l.priorities {
                    let idAttribute = id.isEmpty ? "" : "id=\"\(escape(id))\" "
                    out += "    <Voorrangsregeling \(idAttribute)soort=\"\(kind)\" detailSoort=\"\(category)\"/>\n"
                }
                out += "  </Toewijzing>\n"
            }
        }
        out += "</Toewijzingen>\n"
        return out
    }

    /// Text safe in an attribute value.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

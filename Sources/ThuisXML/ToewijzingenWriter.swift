import ThuisCore

/// Writes `toewijzingen.xml`: one Toewijzing per let advert, with VERA's names, for the
/// corporation's system to import (schema: `Fixtures/schema/thuis-toewijzingen-1.0.xsd`).
public enum ToewijzingenWriter {
    /// The whole document.
    public static func document(batch: BatchInfo, policy: String, mechanism: String, seed: UInt64, lettings: [AllocatedLetting]) -> String {
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

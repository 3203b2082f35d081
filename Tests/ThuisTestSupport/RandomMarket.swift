/// A deterministic random-number generator for property tests (splitmix64).
public struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// Random small exports for property tests: varied sizes, ties, priorities, labels and rules.
public enum RandomMarket {
    public struct Shape: Sendable {
        public var adverts: ClosedRange<Int> = 2...14
        public var households: ClosedRange<Int> = 2...30
        public var municipalities = ["0344", "0356", "0321"]
        public var maxReactions = 6
        public var priorityShare = 0.3
        public init() {}
    }

    /// An export document; the same seed gives the same document.
    public static func export(seed: UInt64, shape: Shape = Shape()) -> String {
        var rng = SeededGenerator(seed: seed)
        let advertCount = Int.random(in: shape.adverts, using: &rng)
        let householdCount = Int.random(in: shape.households, using: &rng)
        let municipalities = Array(shape.municipalities.prefix(Int.random(in: 1...shape.municipalities.count, using: &rng)))
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<Woonruimteverdeling versie="1.0" peildatum="2026-11-25" regio="Random">"#]
        let groups = ["", "", "", "SEN", "JON", "GEZ"]
        for a in 0..<advertCount {
            let m = municipalities.randomElement(using: &rng)!
            let rooms = Int.random(in: 1...5, using: &rng)
            let rent = Double(Int.random(in: 45_000...90_000, using: &rng)) / 100
            let group = groups.randomElement(using: &rng)!
            let social = Double.random(in: 0...1, using: &rng) < 0.9 ? "DAE" : "NDA"
            var line = #"<Eenheid id="E\#(a)" gemeente="\#(m)" corporatie="C\#(a % 2)" kamersAantal="\#(rooms)" rekenhuur="\#(String(format: "%.2f", rent))" maatschappelijkLabel="\#(social)""#
            // Two wijken of two and three buurten per municipality, from the index alone (no
            // draw, so the rest of the market is what it was before areas).
            line += #" wijk="WK\#(m)0\#(a % 2)" buurt="BU\#(m)0\#(a % 2)0\#((a / 2) % (2 + a % 2))" cluster="K\#(a % 4)""#
            if !group.isEmpty { line += #" doelgroep="\#(group)""# }
            if Double.random(in: 0...1, using: &rng) < 0.15 {
                line += #"><Eenheidcriterium soort="PER" toepassing="SEL" aantalOndergrens="2"/></Eenheid>"#
            } else {
                line += "/>"
            }
            lines.append(line)
            // Few distinct dates: ties in publication order too.
            let start = "2026-11-0\(Int.random(in: 1...3, using: &rng))"
            let model = Double.random(in: 0...1, using: &rng) < 0.15 ? "LOT" : "AAN"
            lines.append(#"<Publicatie id="P\#(a)" model="\#(model)" begindatum="\#(start)" einddatum="2026-11-20" eenheid="E\#(a)"/>"#)
        }
        let categories = ["MED", "SOC", "STA", "DAK", "UIT", "HUI"]
        for h in 0..<householdCount {
            let m = municipalities.randomElement(using: &rng)!
            // Few distinct registration years: many ties for the lottery to break.
            let registered = "20\(Int.random(in: 15...18, using: &rng))-01-01"
            lines.append(#"<Relatie id="H\#(h)" gemeente="\#(m)"><Inschrijving begindatum="\#(registered)" zoekpunten="\#(Int.random(in: 0...40, using: &rng))"/>"#)
            let size = Int.random(in: 1...5, using: &rng)
            for k in 0..<size {
                let born = k == 0 ? 1940 + Int.random(in: 0...65, using: &rng) : (k == 1 ? 1960 + Int.random(in: 0...40, using: &rng) : 2010 + Int.random(in: 0...14, using: &rng))
                let income = k < 2 ? #"<Inkomen soort="BRU" bedrag="\#(Int.random(in: 0...40_000, using: &rng)).00" jaar="2025"/>"# : ""
                lines.append(#"<Lid geboortedatum="\#(born)-06-15">\#(income)</Lid>"#)
            }
            if Double.random(in: 0...1, using: &rng) < shape.priorityShare {
                let category = categories.randomElement(using: &rng)!
                let start = "2026-0\(Int.random(in: 1...9, using: &rng))-01"
                let scope = Double.random(in: 0...1, using: &rng) < 0.3 ? "<gemeente>\(municipalities[0])</gemeente>" : ""
                lines.append(#"<Voorrangsregeling id="V\#(h)" soort="URG" detailSoort="\#(category)" begindatum="\#(start)" einddatum="2027-06-01">\#(scope)</Voorrangsregeling>"#)
            }
            lines.append("</Relatie>")
            let count = Int.random(in: 0...min(shape.maxReactions, advertCount), using: &rng)
            var chosen = Array(0..<advertCount)
            chosen.shuffle(using: &rng)
            for (i, a) in chosen.prefix(count).enumerated() {
                let preference = Double.random(in: 0...1, using: &rng) < 0.2 ? 1 : i + 1
                lines.append(#"<Reactie relatie="H\#(h)" publicatie="P\#(a)" datum="2026-11-0\#(Int.random(in: 3...9, using: &rng))" voorkeur="\#(preference)"/>"#)
            }
        }
        lines.append("</Woonruimteverdeling>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A random policy text: ranking keys, a floor, labelling, mechanism; legal caps as asked.
    public static func policy(seed: UInt64, caps: Bool, mechanism: String = "da") -> String {
        var rng = SeededGenerator(seed: seed ^ 0xabcdef)
        let keySets = [#"["priority", "registration", "lottery"]"#, #"["lottery"]"#, #"["points", "lottery"]"#,
                       #"["local_binding", "priority", "registration"]"#, #"["priority", "target_group", "points"]"#]
        let labelling = ["rotation", "demand"].randomElement(using: &rng)!
        let share = Double(Int.random(in: 0...6, using: &rng)) / 10
        let scope = ["region", "municipality", "buurt"].randomElement(using: &rng)!
        let mode = caps ? "cap" : ["exclude", "off"].randomElement(using: &rng)!
        let tieBreak = ["single", "per_advert"].randomElement(using: &rng)!
        return """
        name = "random \(seed)"
        mechanism = "\(mechanism)"
        labelling = "\(labelling)"
        seed = \(Int.random(in: 1...1_000_000, using: &rng))
        [eligibility]
        daeb_income = "\(mode)"
        passend = "\(mode)"
        maximum_persons_per_room = 2
        [eligibility.age_tiers]
        SEN = [{ minimum = 65 }, { minimum = 55 }]
        JON = [{ maximum = 27 }]
        [eligibility.target_groups.GEZ]
        minimum_children = 1
        [groups]
        statushouders = ["STA"]
        aandachtsgroepen = ["MED", "SOC", "STA", "DAK", "UIT", "HUI"]
        [ranking]
        keys = \(keySets.randomElement(using: &rng)!)
        tie_break = "\(tieBreak)"
        [[quotas]]
        name = "floor"
        group = "aandachtsgroepen"
        kind = "floor"
        share = \(share)
        scope = "\(scope)"

        """
    }
}

import Foundation

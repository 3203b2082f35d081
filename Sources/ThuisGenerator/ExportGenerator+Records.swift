import ThuisCore
#if canImport(Glibc)
import Glibc
#endif

extension ExportGenerator {
    /// One dwelling; returns the model of its advert.
    func writeDwelling(_ w: inout ByteWriter, _ rng: inout SeededRandom, index a: Int, municipality m: Int) -> PublicationModel {
        let rooms = 1 + rng.pick([0.12, 0.30, 0.33, 0.18, 0.07])
        var rentCents = 42_000 + rooms * 7_000 + Int(rng.normal() * 6_000)
        let social = !rng.chance(0.03)
        rentCents = social ? min(max(rentCents, 35_000), 93_293) : 95_000 + rng.below(40_000)
        let corporation = rng.pick([0.5, 0.3, 0.15, 0.05])
        w.ascii("    <Eenheid id=\"E")
        w.text(advertPrefix)
        w.int(a, width: 7)
        w.ascii("\" gemeente=\"")
        w.text(profile.municipalities[m].0)
        w.ascii("\" corporatie=\"C")
        w.text(profile.municipalities[m].0)
        w.ascii("-")
        w.int(corporation + 1)
        w.ascii("\" kamersAantal=\"")
        w.int(rooms)
        w.ascii("\" rekenhuur=\"")
        w.money(cents: rentCents)
        w.ascii("\" brutohuur=\"")
        w.money(cents: rentCents + 4_000 + rng.below(6_000))
        w.ascii("\" maatschappelijkLabel=\"")
        w.ascii(social ? "DAE" : "NDA")
        let x = rng.unit()
        if rooms >= 2 && rooms <= 3 && x < 0.12 {
            w.ascii("\" doelgroep=\"SEN")
        } else if rooms == 1 && x < 0.35 {
            w.ascii("\" doelgroep=\"JON")
        } else if rooms >= 4 && x < 0.30 {
            w.ascii("\" doelgroep=\"GEZ")
        }
        let y = rng.unit()
        if y < 0.04 {
            w.ascii("\"><Eenheidcriterium soort=\"PER\" toepassing=\"SEL\" aantalOndergrens=\"")
            w.int(2 + rng.below(2))
            w.ascii("\"/></Eenheid>\n")
        } else if y < 0.07 {
            w.ascii("\"><Eenheidcriterium soort=\"INK\" toepassing=\"SEL\" aantalBovengrens=\"")
            w.int(30_000 + rng.below(15_000))
            w.ascii("\"/></Eenheid>\n")
        } else if y < 0.09 {
            w.ascii("\"><Eenheidcriterium soort=\"LEE\" toepassing=\"SEL\" aantalOndergrens=\"55\"/></Eenheid>\n")
        } else {
            w.ascii("\"/>\n")
        }
        let z = rng.unit()
        if z < lotteryShare { return .lottery }
        if z < lotteryShare + 0.01 { return .direct }
        if z < lotteryShare + 0.03 { return .firstComeFirstServed }
        return .offer
    }

    /// One household with its members, registration and perhaps a priority (the closing tag
    /// is written by the caller).
    func writeHousehold(_ w: inout ByteWriter, _ rng: inout SeededRandom, index h: Int, municipality m: Int, today: Day) {
        w.ascii("  <Relatie id=\"H")
        w.int(h, width: 8)
        w.ascii("\" gemeente=\"")
        w.text(profile.municipalities[m].0)
        w.ascii("\">\n      <Inschrijving begindatum=\"")
        // Registration 0-15 years ago, more of them recent.
        let years = 15 * rng.unit() * rng.unit().squareRoot()
        w.day(today.adding(days: -Int(years * 365.25)).components)
        w.ascii("\" zoekpunten=\"")
        w.int(rng.below(31))
        w.ascii("\"/>\n")
        for member in HouseholdSampler.draw(&rng) {
            w.ascii("      <Lid geboortedatum=\"")
            w.day(today.adding(days: -member.ageInDays).components)
            if let income = member.income {
                w.ascii("\"><Inkomen soort=\"BRU\" bedrag=\"")
                w.money(cents: income * 100)
                w.ascii("\" jaar=\"2025\"/></Lid>\n")
            } else {
                w.ascii("\"/>\n")
            }
        }
        guard rng.chance(priorityShare) else { return }
        let categories: [StaticString] = ["MED", "SOC", "STA", "DAK", "UIT", "HUI", "GEW"]
        let category = rng.pick([0.2, 0.2, 0.25, 0.08, 0.1, 0.1, 0.07])
        let start = today.adding(days: -rng.below(720))
        let end = start.adding(days: 365 + rng.below(365))
        w.ascii("      <Voorrangsregeling soort=\"URG\" detailSoort=\"")
        w.ascii(categories[category])
        w.ascii("\" begindatum=\"")
        w.day(start.components)
        w.ascii("\" einddatum=\"")
        w.day(end.components)
        if rng.chance(0.3) {
            w.ascii("\"><gemeente>")
            w.text(profile.municipalities[m].0)
            w.ascii("</gemeente></Voorrangsregeling>\n")
        } else {
            w.ascii("\"/>\n")
        }
    }
}

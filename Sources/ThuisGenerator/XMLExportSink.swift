import ThuisCore

/// Writes a generated export as the XML the reader accepts, streaming.
struct XMLExportSink: GeneratedExportSink, ~Copyable {
    var writer: ByteWriter
    let profile: GeneratorProfile
    let advertPrefix: String

    mutating func begin(today: Day, region: String) {
        // The mark shares the declaration's line, so every record keeps its line number.
        writer.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        writer.ascii(ExportGenerator.mark)
        writer.ascii("\n<Woonruimteverdeling versie=\"1.0\" peildatum=\"")
        writer.day(today.components)
        writer.ascii("\" regio=\"")
        writer.text(region)
        writer.ascii("\">\n  <Eenheden>\n")
    }

    mutating func dwelling(_ d: GeneratedDwelling) {
        let code = profile.municipalities[d.municipality].0
        writer.ascii("    <Eenheid id=\"E")
        writer.text(advertPrefix)
        writer.int(d.index, width: 7)
        writer.ascii("\" gemeente=\"")
        writer.text(code)
        writer.ascii("\" corporatie=\"C")
        writer.text(code)
        writer.ascii("-")
        writer.int(d.corporation + 1)
        writer.ascii("\" kamersAantal=\"")
        writer.int(d.rooms)
        writer.ascii("\" rekenhuur=\"")
        writer.money(cents: d.rentCents)
        writer.ascii("\" brutohuur=\"")
        writer.money(cents: d.grossRentCents)
        writer.ascii("\" maatschappelijkLabel=\"")
        writer.ascii(d.social ? "DAE" : "NDA")
        if let target = d.targetGroup {
            writer.ascii("\" doelgroep=\"")
            writer.ascii(target)
        }
        if let borough = d.areas.borough {
            writer.ascii("\" stadsdeel=\"")
            writer.text(borough)
        }
        writer.ascii("\" wijk=\"")
        writer.text(d.areas.district)
        writer.ascii("\" buurt=\"")
        writer.text(d.areas.neighbourhood)
        writer.ascii("\" cluster=\"")
        writer.text(d.areas.complex)
        if let c = d.criterion {
            writer.ascii("\"><Eenheidcriterium soort=\"")
            writer.ascii(c.kind)
            writer.ascii(c.lower ? "\" toepassing=\"SEL\" aantalOndergrens=\"" : "\" toepassing=\"SEL\" aantalBovengrens=\"")
            writer.int(c.value)
            writer.ascii("\"/></Eenheid>\n")
        } else {
            writer.ascii("\"/>\n")
        }
    }

    mutating func beginAdverts() {
        writer.ascii("  </Eenheden>\n  <Publicaties>\n")
    }

    mutating func advert(index: Int, model: PublicationModel, start: Day, end: Day, namedHousehold: Int?) {
        writer.ascii("    <Publicatie id=\"P")
        writer.text(advertPrefix)
        writer.int(index, width: 7)
        writer.ascii("\" model=\"")
        writer.text(model.rawValue)
        writer.ascii("\" begindatum=\"")
        writer.day(start.components)
        writer.ascii("\" einddatum=\"")
        writer.day(end.components)
        writer.ascii("\" eenheid=\"E")
        writer.text(advertPrefix)
        writer.int(index, width: 7)
        if let namedHousehold {
            writer.ascii("\" relatie=\"H")
            writer.int(namedHousehold, width: 8)
        }
        writer.ascii("\"/>\n")
    }

    mutating func endAdverts() {
        // Households and their reactions stand directly in the root, interleaved.
        writer.ascii("  </Publicaties>\n")
    }

    mutating func household(_ h: GeneratedHousehold) {
        let code = profile.municipalities[h.municipality].0
        writer.ascii("  <Relatie id=\"H")
        writer.int(h.index, width: 8)
        writer.ascii("\" gemeente=\"")
        writer.text(code)
        writer.ascii("\">\n      <Inschrijving begindatum=\"")
        writer.day(h.registration.components)
        writer.ascii("\" zoekpunten=\"")
        writer.int(h.searchPoints)
        writer.ascii("\"/>\n")
        for member in h.members {
            writer.ascii("      <Lid geboortedatum=\"")
            writer.day(member.birth.components)
            if let income = member.incomeEuros {
                writer.ascii("\"><Inkomen soort=\"BRU\" bedrag=\"")
                writer.money(cents: income * 100)
                writer.ascii("\" jaar=\"2025\"/></Lid>\n")
            } else {
                writer.ascii("\"/>\n")
            }
        }
        if let p = h.priority {
            writer.ascii("      <Voorrangsregeling soort=\"URG\" detailSoort=\"")
            writer.text(p.category.rawValue)
            writer.ascii("\" begindatum=\"")
            writer.day(p.start.components)
            writer.ascii("\" einddatum=\"")
            writer.day(p.end.components)
            if p.scoped {
                writer.ascii("\"><gemeente>")
                writer.text(code)
                writer.ascii("</gemeente></Voorrangsregeling>\n")
            } else {
                writer.ascii("\"/>\n")
            }
        }
        writer.ascii("  </Relatie>\n")
    }

    mutating func reaction(household: Int, advert: Int, date: Day, preference: Int) {
        writer.ascii("  <Reactie relatie=\"H")
        writer.int(household, width: 8)
        writer.ascii("\" publicatie=\"P")
        writer.text(advertPrefix)
        writer.int(advert, width: 7)
        writer.ascii("\" datum=\"")
        writer.day(date.components)
        writer.ascii("\" voorkeur=\"")
        writer.int(preference)
        writer.ascii("\"/>\n")
    }

    mutating func end(today: Day, region: String) {
        writer.ascii("</Woonruimteverdeling>\n")
    }
}

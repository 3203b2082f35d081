import Foundation
import Testing
import ThuisCore
import ThuisTestSupport
import ThuisXML

@Suite struct ExportReaderTests {
    @Test("the demo region reads completely")
    func demoRegion() throws {
        let result = ExportReader.read([Fixtures.demoRegion])
        #expect(result.errors.isEmpty)
        #expect(result.warnings.isEmpty)
        let market = try #require(result.market)
        #expect(market.batch.region == "Demo Utrecht-Zuid")
        #expect(market.batch.referenceDate == Day(iso: "2026-11-25"))
        #expect(market.municipalities.count == 3)
        #expect(market.dwellings.count == 16)
        #expect(market.adverts.count == 16)
        #expect(market.households.count == 48)
        #expect(market.reactions.count == 160)
        #expect(market.priorities.count == 14)
        // H05: two adults and two children; the partner's zero income and the children count as such.
        let h05 = Int(try #require(market.households.ids.index(of: "H05")))
        #expect(market.households.persons[h05] == 4)
        #expect(market.households.adults[h05] == 2)
        #expect(market.households.income[h05] == Money(cents: 2_730_000))
        // H18: a 20-year-old child with income is an adult; their income counts.
        let h18 = Int(try #require(market.households.ids.index(of: "H18")))
        #expect(market.households.adults[h18] == 3)
        #expect(market.households.income[h18] == Money(cents: 3_610_000 + 400_000))
        // Reactions are grouped per household in preference order.
        let adverts = market.reactions.ofHousehold(h05).map { market.adverts.ids[Int(market.reactions.advert[$0])] }
        #expect(adverts == ["P04", "P09", "P03", "P06"])
        // A dwelling written with child elements and {code, naam} pairs reads like the others.
        let e04 = Int(try #require(market.dwellings.ids.index(of: "E04")))
        #expect(market.municipalities[Int(market.dwellings.municipality[e04])] == "0344")
        #expect(market.dwellings.rent[e04] == Money(cents: 78_160))
        #expect(market.dwellings.targetGroup[e04] == .family)
        #expect(Array(market.dwellings.criteria(of: e04)) == [
            Criterion(kind: .persons, detail: "", use: .selection, lowerBound: 300, upperBound: nil, exactValue: nil),
        ])
    }

    @Test("the gzip-compressed demo region gives the same market")
    func gzip() throws {
        let plain = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let compressed = try #require(ExportReader.read([Fixtures.path("exports/demo-region.xml.gz")]).market)
        #expect(MarketSummary(plain) == MarketSummary(compressed))
        #expect(plain.reactions.advert == compressed.reactions.advert)
    }

    @Test("fields as attributes, as elements with text, and as {code, naam} elements read alike")
    func attributeAndElementStyles() throws {
        let attributes = ExportDocument.wrap("""
            <Eenheid id="E1" gemeente="0344" corporatie="MIT" kamersAantal="2" rekenhuur="600.50" doelgroep="SEN"/>
            <Publicatie id="P1" model="LOT" begindatum="2026-11-01" einddatum="2026-11-20" eenheid="E1"/>
            \(ExportDocument.household("H1"))
            \(ExportDocument.reaction("H1"))
            """)
        let elements = ExportDocument.wrap("""
            <Eenheid><id>E1</id><gemeente code="0344" naam="Utrecht"/><corporatie> MIT </corporatie>
              <kamersAantal>2</kamersAantal><rekenhuur>600.50</rekenhuur><doelgroep code="SEN" naam="Senioren"/></Eenheid>
            <Publicatie><id>P1</id><model code="LOT"/><begindatum>2026-11-01</begindatum><einddatum>2026-11-20</einddatum>
              <eenheid>E1</eenheid></Publicatie>
            <Relatie><id>H1</id><gemeente>GM0344</gemeente><Inschrijving><begindatum>2015-01-01</begindatum></Inschrijving>
              <Lid><geboortedatum>1980-01-01</geboortedatum><Inkomen><soort code="BRU"/><bedrag>30000.00</bedrag><jaar>2025</jaar></Inkomen></Lid></Relatie>
            <Reactie><relatie>H1</relatie><publicatie>P1</publicatie><datum>2026-11-05</datum><voorkeur>1</voorkeur></Reactie>
            """)
        let a = try #require(ExportReader.read(document: attributes).market)
        let e = try #require(ExportReader.read(document: elements).market)
        #expect(MarketSummary(a) == MarketSummary(e))
        #expect(a.dwellings.rent == e.dwellings.rent)
        #expect(a.dwellings.targetGroup == e.dwellings.targetGroup)
        #expect(a.adverts.model == e.adverts.model)
        #expect(a.households.income == e.households.income)
        #expect(a.households.municipality == e.households.municipality)
    }

    @Test("references may point forward: reactions before their household and advert")
    func forwardReferences() throws {
        let document = ExportDocument.wrap("""
            \(ExportDocument.reaction("H1"))
            \(ExportDocument.advert)
            \(ExportDocument.household("H1"))
            \(ExportDocument.dwelling)
            """)
        let result = ExportReader.read(document: document)
        #expect(result.errors.isEmpty)
        #expect(result.market?.reactions.count == 1)
    }

    @Test("several files merge into one market; an id defined in two files is an error naming both")
    func multipleFiles() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("mitros.xml").path
        let second = directory.appendingPathComponent("portaal.xml").path
        try ExportDocument.wrap("\(ExportDocument.dwelling)\n\(ExportDocument.advert)\n\(ExportDocument.household("H1"))")
            .write(toFile: first, atomically: true, encoding: .utf8)
        try ExportDocument.wrap("\(ExportDocument.household("H2"))\n\(ExportDocument.reaction("H1"))\n\(ExportDocument.reaction("H2"))")
            .write(toFile: second, atomically: true, encoding: .utf8)
        let merged = ExportReader.read([first, second])
        #expect(merged.errors.isEmpty)
        #expect(merged.market?.households.count == 2)
        #expect(merged.market?.reactions.count == 2)

        try ExportDocument.wrap(ExportDocument.household("H1")).write(toFile: second, atomically: true, encoding: .utf8)
        let clash = ExportReader.read([first, second])
        #expect(clash.market == nil)
        let error = try #require(clash.errors.first)
        #expect(error.code == .duplicateID)
        #expect(error.location?.file == second)
        #expect(error.message.contains(first))
    }

    @Test("files of one batch must agree on peildatum")
    func batchMismatch() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.xml").path, second = directory.appendingPathComponent("b.xml").path
        try ExportDocument.wrap(ExportDocument.dwelling).write(toFile: first, atomically: true, encoding: .utf8)
        try ExportDocument.wrap(ExportDocument.household("H1"), peildatum: "2026-11-26").write(toFile: second, atomically: true, encoding: .utf8)
        let result = ExportReader.read([first, second])
        #expect(result.market == nil)
        #expect(result.errors.map(\.code) == [.batchMismatch])
    }

    @Test("declared encodings are honoured", arguments: [
        ("iso-8859-1.xml", "'s-Hertogenbosch Café", "Toegankelijk: rolstoel én rollator"),
        ("windows-1252.xml", "’s-Hertogenbosch Café", "Huur vanaf € 600"),
        ("utf-16.xml", "’s-Hertogenbosch Café", "€"),
    ])
    func encodings(_ file: String, _ region: String, _ label: String) throws {
        let result = ExportReader.read([Fixtures.path("exports/encodings/\(file)")])
        let market = try #require(result.market)
        #expect(market.batch.region == region)
        #expect(market.dwellings.accessibilityLabel == [label])
    }

    @Test("the same records in another order give the same market")
    func canonicalOrder() throws {
        let text = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Reverse the reactions and the adverts: one record per line in the demo file.
        func reverse(_ prefix: String) {
            let indices = lines.indices.filter { lines[$0].hasPrefix(prefix) }
            let reversed = indices.map { lines[$0] }.reversed()
            for (i, line) in zip(indices, reversed) { lines[i] = line }
        }
        reverse("    <Reactie ")
        reverse("    <Publicatie ")
        let original = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let shuffled = try #require(ExportReader.read(document: lines.joined(separator: "\n")).market)
        #expect(original.adverts.ids.sortedIndices() == shuffled.adverts.ids.sortedIndices())
        #expect(original.adverts.dwelling == shuffled.adverts.dwelling)
        #expect(original.reactions.household == shuffled.reactions.household)
        #expect(original.reactions.advert == shuffled.reactions.advert)
        #expect(original.reactions.advertOrder == shuffled.reactions.advertOrder)
    }

    @Test("unknown elements and attributes warn once per name and never fail")
    func unknownNames() throws {
        let document = ExportDocument.wrap("""
            <Bron systeem="Woonnet"/>
            <Eenheid id="E1" gemeente="0344" corporatie="MIT" kamersAantal="2" rekenhuur="600.00" energielabel="A"><bouwjaar>1970</bouwjaar></Eenheid>
            <Eenheid id="E2" gemeente="0344" corporatie="MIT" kamersAantal="2" rekenhuur="600.00" energielabel="B"><bouwjaar>1971</bouwjaar></Eenheid>
            """)
        let result = ExportReader.read(document: document)
        #expect(result.errors.isEmpty)
        #expect(result.market?.dwellings.count == 2)
        #expect(result.warnings.map(\.code) == [.unknownElement, .unknownAttribute, .unknownElement])
        #expect(result.warnings.map { $0.location?.line } == [3, 4, 4])
    }

    @Test("a reaction dated after the advert closed is a warning, and kept")
    func lateReaction() throws {
        let document = ExportDocument.wrap("""
            \(ExportDocument.dwelling)
            \(ExportDocument.advert)
            \(ExportDocument.household("H1"))
            \(ExportDocument.reaction("H1", date: "2026-11-21"))
            """)
        let result = ExportReader.read(document: document)
        #expect(result.errors.isEmpty)
        #expect(result.warnings.map(\.code) == [.reactionAfterClose])
        #expect(result.market?.reactions.count == 1)
    }

    @Test("all problems of a file are reported in one pass, up to the limit")
    func errorLimit() throws {
        let body = (1...150).map { #"<Eenheid id="E\#($0)" gemeente="x" corporatie="MIT" kamersAantal="2" rekenhuur="600.00"/>"# }
            .joined(separator: "\n")
        let all = ExportReader.read(document: ExportDocument.wrap(body), options: .init(errorLimit: 1000))
        #expect(all.errors.count == 150)
        let limited = ExportReader.read(document: ExportDocument.wrap(body))
        #expect(limited.errors.count == 101)
        #expect(limited.errors.last?.code == .tooManyErrors)
        #expect(limited.stoppedAtLimit)
    }

    @Test("income: adults' latest year counts; children's and net income do not")
    func householdIncome() throws {
        let document = ExportDocument.wrap("""
            <Relatie id="H1"><Inschrijving begindatum="2015-01-01"/>
              <Lid geboortedatum="1980-01-01">
                <Inkomen soort="BRU" bedrag="20000.00" jaar="2024"/>
                <Inkomen soort="BRU" bedrag="25000.00" jaar="2025"/>
                <Inkomen soort="BRU" bedrag="1000.00" jaar="2025"/>
                <Inkomen soort="NET" bedrag="99999.00" jaar="2025"/>
              </Lid>
              <Lid geboortedatum="2010-01-01"><Inkomen soort="BRU" bedrag="3000.00" jaar="2025"/></Lid>
            </Relatie>
            """)
        let market = try #require(ExportReader.read(document: document).market)
        #expect(market.households.income == [Money(cents: 2_600_000)])
        #expect(market.households.persons == [2])
        #expect(market.households.adults == [1])
    }
}

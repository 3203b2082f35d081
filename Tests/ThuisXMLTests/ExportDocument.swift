/// Small exports for tests, written inline so each test shows its own data.
enum ExportDocument {
    /// A document with the standard header around `body`.
    static func wrap(_ body: String, peildatum: String = "2026-11-25", encoding: String = "UTF-8") -> String {
        """
        <?xml version="1.0" encoding="\(encoding)"?>
        <Woonruimteverdeling versie="1.0" peildatum="\(peildatum)" regio="Test">
        \(body)
        </Woonruimteverdeling>

        """
    }

    static let dwelling = #"<Eenheid id="E1" gemeente="0344" corporatie="MIT" kamersAantal="2" rekenhuur="600.00"/>"#
    static let advert = #"<Publicatie id="P1" model="AAN" begindatum="2026-11-01" einddatum="2026-11-20" eenheid="E1"/>"#

    static func household(_ id: String, born: String = "1980-01-01", income: String = "30000.00") -> String {
        """
        <Relatie id="\(id)" gemeente="0344"><Inschrijving begindatum="2015-01-01"/>
        <Lid geboortedatum="\(born)"><Inkomen soort="BRU" bedrag="\(income)" jaar="2025"/></Lid></Relatie>
        """
    }

    static func reaction(_ household: String, _ advert: String = "P1", date: String = "2026-11-05", preference: Int = 1) -> String {
        #"<Reactie relatie="\#(household)" publicatie="\#(advert)" datum="\#(date)" voorkeur="\#(preference)"/>"#
    }
}

import ThuisCore

/// Writes a market as a VERA batch folder's files: `batch.json` and the pages of each resource,
/// in the shapes ``VERABatchReader`` reads (see `Documentation/vera.md`). Reading them back
/// gives the same market, so an XML export and its VERA twin allocate byte-identically.
public enum VERABatchWriter {
    /// Where a batch's reactions are: WRV's Kandidaten (status REA), or the domain model's
    /// Reacties.
    public enum ReactionResource: String, Sendable, CaseIterable {
        case kandidaten, reacties
    }

    /// The files, header first; `itemsPerPage` is 100 for bodies an API returns.
    public static func files(_ market: Market, itemsPerPage: Int = VERAPages.maximumItems,
                             reactions: ReactionResource = .kandidaten) -> [(name: String, bytes: [UInt8])] {
        return [(VERABatchReader.headerName, header(market.batch))]
            + eenheden(market, itemsPerPage) + publicaties(market, itemsPerPage) + relaties(market, itemsPerPage)
            + (reactions == .kandidaten ? kandidaten(market, itemsPerPage) : reacties(market, itemsPerPage))
            + aanbiedingen(market, itemsPerPage)
    }

    /// `batch.json`: the batch's version, peildatum and region.
    public static func header(_ batch: BatchInfo) -> [UInt8] {
        var header = JSONWriter()
        header.object { o in
            o.string("versie", batch.version)
            o.string("peildatum", batch.referenceDate.description)
            o.string("regio", batch.region)
        }
        header.newline()
        return header.bytes
    }

    /// VERA's date-time for a day (`2026-11-25T00:00:00Z`): the reader takes its day.
    static func dateTime(_ day: Day) -> String { "\(day)T00:00:00Z" }

    static func eenheden(_ market: Market, _ perPage: Int) -> [(name: String, bytes: [UInt8])] {
        let d = market.dwellings
        var pages = VERAPages(resource: "eenheden", itemsPerPage: perPage)
        for i in 0..<d.count {
            pages.add { o in
                o.string("id", d.ids[i])
                o.string("idOrganisatie", market.corporations[Int(d.corporation[i])])
                o.code("soort", "WOO")
                o.object("adres") { adres in
                    adres.code("gemeente", market.municipalities[Int(d.municipality[i])])
                    for (kind, key) in [(AreaKind.borough, "stadsdeel"), (.district, "wijk"), (.neighbourhood, "buurt")] where d.area(kind, of: i) >= 0 {
                        adres.code(key, kind.parts(of: market.areas[kind.rawValue][Int(d.area(kind, of: i))]).code)
                    }
                }
                if d.area(.complex, of: i) >= 0 {
                    // Kept as CORPORATION:CODE: the corporation's own prefix off, whatever either holds.
                    let corporation = market.corporations[Int(d.corporation[i])]
                    let code = String(market.areas[AreaKind.complex.rawValue][Int(d.area(.complex, of: i))].dropFirst(corporation.count + 1))
                    o.array("clusters") { a in a.object { c in c.string("code", code); c.code("soort", "MAR") } }
                }
                o.number("kamersAantal", Int(d.rooms[i]))
                o.money("rekenhuur", d.rent[i])
                o.money("brutohuur", d.grossRent[i])
                if let t = d.targetGroup[i] { o.code("doelgroep", t.rawValue) }
                if let t = d.additionalTargetGroup[i] { o.code("aanvullendeDoelgroep", t.rawValue) }
                if !d.accessibilityLabel[i].isEmpty { o.code("toegankelijkheidslabel", d.accessibilityLabel[i]) }
                o.code("maatschappelijkLabel", d.socialLabel[i].rawValue)
                let criteria = d.criteria(of: i)
                if !criteria.isEmpty {
                    o.array("criteria") { a in
                        for c in criteria {
                            a.object { c2 in
                                c2.code("soort", c.kind.rawValue)
                                if !c.detail.isEmpty { c2.code("detailsoort", c.detail) }
                                c2.code("toepassing", c.use.rawValue)
                                if let v = c.lowerBound { c2.money("aantalOndergrens", Money(cents: v)) }
                                if let v = c.upperBound { c2.money("aantalBovengrens", Money(cents: v)) }
                                if let v = c.exactValue { c2.money("aantalExact", Money(cents: v)) }
                            }
                        }
                    }
                }
            }
        }
        return pages.finish()
    }

    static func publicaties(_ market: Market, _ perPage: Int) -> [(name: String, bytes: [UInt8])] {
        let a = market.adverts
        var pages = VERAPages(resource: "publicaties", itemsPerPage: perPage)
        for i in 0..<a.count {
            pages.add { o in
                o.string("id", a.ids[i])
                // The organisation responsible: the dwelling's corporation (what `fetch --corporation` asks).
                o.string("idOrganisatie", market.corporations[Int(market.dwellings.corporation[Int(a.dwelling[i])])])
                o.code("model", a.model[i].rawValue)
                o.string("begindatum", dateTime(a.start[i]))
                o.string("einddatum", dateTime(a.end[i]))
                o.array("eenheden") { $0.object { $0.string("id", market.dwellings.ids[Int(a.dwelling[i])]) } }
                let named = a.namedHousehold[i], reserve = a.reserveLabel[i]
                if named >= 0 || reserve >= 0 {
                    o.array("extra-attributen") { e in
                        if named >= 0 { e.extra("relatie", market.households.ids[Int(named)]) }
                        if reserve >= 0 { e.extra("reservering", market.reserveLabels[Int(reserve)]) }
                    }
                }
            }
        }
        return pages.finish()
    }

    static func relaties(_ market: Market, _ perPage: Int) -> [(name: String, bytes: [UInt8])] {
        let h = market.households, p = market.priorities
        // A member's counted income is written as one gross income of the year before the peildatum.
        let incomeYear = market.batch.referenceDate.components.year - 1
        var pages = VERAPages(resource: "relaties", itemsPerPage: perPage)
        for i in 0..<h.count {
            pages.add { o in
                o.string("id", h.ids[i])
                o.code("soort", "GRO")
                o.code("detailSoort", "HUI")
                o.array("overeenkomsten") { a in
                    a.object { $0.code("soort", "INS"); $0.string("begindatum", h.registrationDate[i].description) }
                }
                let priorities = h.priorityRange(i)
                o.array("relaties") { members in
                    for (k, m) in (Int(h.memberStart[i])..<Int(h.memberStart[i + 1])).enumerated() {
                        members.object { person in
                            person.code("soort", "NAT")
                            person.string("geboortedatum", h.memberBirthDate[m].description)
                            if h.memberIncome[m] != .zero {
                                person.array("inkomens") { $0.object { inc in
                                    inc.code("soort", "BRU")
                                    inc.money("bedrag", h.memberIncome[m])
                                    inc.number("jaar", incomeYear)
                                } }
                            }
                            // The statuses are the household's; VERA gives them on a person, the first.
                            if k == 0 && !priorities.isEmpty {
                                person.array("voorrangsregelingen") { list in
                                    for q in priorities { voorrangsregeling(&list, market, p, q) }
                                }
                            }
                        }
                    }
                }
                var extras: [(String, String)] = []
                if h.municipality[i] >= 0 { extras.append(("gemeente", market.municipalities[Int(h.municipality[i])])) }
                if h.workMunicipality[i] >= 0 { extras.append(("werkgemeente", market.municipalities[Int(h.workMunicipality[i])])) }
                // Written when zero too: a household that carries none of the three has no points
                // known (the reader then refuses a policy ranking by points).
                extras.append(("zoekpunten", String(h.searchPoints[i])))
                if h.situationPoints[i] != 0 { extras.append(("situatiepunten", String(h.situationPoints[i]))) }
                if h.startPoints[i] != 0 { extras.append(("startpunten", String(h.startPoints[i]))) }
                if !extras.isEmpty { o.array("extra-attributen") { e in for (n, v) in extras { e.extra(n, v) } } }
            }
        }
        return pages.finish()
    }

    private static func voorrangsregeling(_ list: inout JSONWriter, _ market: Market, _ p: Priorities, _ q: Int) {
        list.object { v in
            if !p.ids[q].isEmpty { v.string("id", p.ids[q]) }
            v.code("soort", p.kind[q].rawValue)
            v.code("detailSoort", p.category[q].rawValue)
            v.string("begindatum", dateTime(p.start[q]))
            if let end = p.end[q] { v.string("einddatum", dateTime(end)) }
            let scope = Int(p.scopeStart[q])..<Int(p.scopeStart[q + 1])
            let areas = p.areas(of: q)
            if !scope.isEmpty || !areas.isEmpty {
                v.object("profiel") { profile in
                    if !scope.isEmpty {
                        profile.array("gemeenten") { g in
                            for s in scope { g.object { $0.string("code", market.municipalities[Int(p.scope[s])]) } }
                        }
                    }
                    for (kind, key) in [(AreaKind.borough, "stadsdelen"), (.district, "wijken"), (.neighbourhood, "buurten")] {
                        // A stadsdeel code the batch has in two municipalities is one entry of the profile.
                        let codes = areas.filter { $0.kind == kind }.map(\.code).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                        if !codes.isEmpty { profile.array(key) { list in for code in codes { list.object { $0.string("code", code) } } } }
                    }
                }
            }
        }
    }

    /// Where a Reactie's `relaties` URIs point: the spec asks an absolute URI (`format: uri`), and
    /// a converted batch has no API of its own, so they are under the reserved `.invalid` domain.
    public static let relationBase = "https://wrv.invalid/relaties/"

    static func reacties(_ market: Market, _ perPage: Int) -> [(name: String, bytes: [UInt8])] {
        let r = market.reactions
        var pages = VERAPages(resource: "reacties", itemsPerPage: perPage)
        for i in 0..<r.count {
            pages.add { o in
                o.reference("publicatie", id: market.adverts.ids[Int(r.advert[i])])
                o.array("relaties") { $0.item(relationBase + percentEncoded(market.households.ids[Int(r.household[i])])) }
                o.string("datum", dateTime(r.date[i]))
                if r.preferenceNumber[i] != Int32.max { o.number("voorkeur", Int(r.preferenceNumber[i])) }
            }
        }
        return pages.finish()
    }

    /// Reactions as WRV gives them: Kandidaten with status REA, the dwelling as `eenheid`, the
    /// household as `relatie` (a Relatiegroep), and what WRV's Kandidaat has no place for (the
    /// publication, the date, the preference) as extra-attributen.
    static func kandidaten(_ market: Market, _ perPage: Int) -> [(name: String, bytes: [UInt8])] {
        let r = market.reactions
        var pages = VERAPages(resource: "kandidaten", itemsPerPage: perPage)
        for i in 0..<r.count {
            let a = Int(r.advert[i])
            pages.add { o in
                o.code("status", "REA")
                o.reference("eenheid", id: market.dwellings.ids[Int(market.adverts.dwelling[a])])
                o.object("relatie") { g in
                    g.string("id", market.households.ids[Int(r.household[i])])
                    g.code("soort", "GRO")
                }
                o.array("extra-attributen") { e in
                    e.extra("publicatie", market.adverts.ids[a])
                    e.extra("datum", r.date[i].description)
                    if r.preferenceNumber[i] != Int32.max { e.extra("voorkeur", String(r.preferenceNumber[i])) }
                }
            }
        }
        return pages.finish()
    }

    static func aanbiedingen(_ market: Market, _ perPage: Int) -> [(name: String, bytes: [UInt8])] {
        let f = market.offers
        var pages = VERAPages(resource: "aanbiedingen", itemsPerPage: perPage)
        for i in 0..<f.count {
            pages.add { o in
                o.string("id", f.ids[i])
                o.code("status", f.status[i].rawValue)
                if !f.detailStatus[i].isEmpty { o.code("detailStatus", f.detailStatus[i]) }
                o.string("datum", dateTime(f.date[i]))
                if let e = f.expiry[i] { o.string("vervaldatum", dateTime(e)) }
                o.reference("publicatie", id: market.adverts.ids[Int(f.advert[i])])
                o.reference("relatie", id: market.households.ids[Int(f.household[i])])
            }
        }
        return pages.finish()
    }

    /// An id as a URI path segment: unreserved characters stay, every other byte is `%XX`.
    static func percentEncoded(_ id: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var out = ""
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}

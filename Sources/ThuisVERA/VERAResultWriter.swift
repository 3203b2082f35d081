import ThuisCore

/// Writes an allocation as VERA bodies: `toewijzingen-*.json` (Toewijzing), `aanbiedingen-*.json`
/// (Aanbieding, the offer to the household) and `kandidaten-*.json` (Kandidaat, each eligible
/// reaction's place on its advert's list), in pages of at most 100 items, each valid against the
/// list endpoint's response schema in `WRV.yaml` (checked by `Tests/vera-schema/validate.py`).
public enum VERAResultWriter {
    /// The pages of the three resources.
    public static func files(_ market: Market, _ allocation: Allocation, lettings: [AllocatedLetting]) -> [(name: String, bytes: [UInt8])] {
        toewijzingen(market.batch, lettings) + aanbiedingen(market.batch, lettings) + kandidaten(market, allocation)
    }

    static func dateTime(_ day: Day) -> String { VERABatchWriter.dateTime(day) }

    /// Thuis's key for an item it sends, its `idExtern` (the key in the source system, which
    /// Thuis is for these): the advert (and household) and the peildatum, as one advert is let
    /// once per batch. The API gives its own `id` when it stores the item; `publish` finds an item
    /// again by this key.
    public static func externalID(_ batch: BatchInfo, advert: String, household: String? = nil) -> String {
        (household.map { "\(advert)/\($0)" } ?? advert) + "@\(batch.referenceDate)"
    }

    /// The household where the spec asks a NatuurlijkPersoon (an Aanbieding's or Toewijzing's
    /// `relatie`): its applicant when the source named one; otherwise the household itself,
    /// marked as a Relatiegroep by its `soort` so that a receiver can tell.
    static func person(_ o: inout JSONWriter, _ l: AllocatedLetting) {
        o.object("relatie") { r in
            if let applicant = l.applicant {
                r.string("id", applicant)
                r.code("soort", "NAT")
            } else {
                r.string("id", l.household)
                r.code("soort", "GRO")
            }
        }
    }

    /// The Toewijzing's id: the advert's (one letting per advert).
    static func toewijzingen(_ batch: BatchInfo, _ lettings: [AllocatedLetting]) -> [(name: String, bytes: [UInt8])] {
        var pages = VERAPages(resource: "toewijzingen")
        for l in lettings {
            pages.add { o in
                o.string("idExtern", externalID(batch, advert: l.advert))
                o.string("datum", dateTime(batch.referenceDate))
                o.reference("eenheid", id: l.dwelling)
                o.object("kandidaat") { k in
                    k.code("status", "TOE")
                    if let p = l.position { k.number("positie", p) }
                    k.number("aantalVolwassenen", l.adults)
                    k.number("aantalKinderen", l.persons - l.adults)
                    person(&k, l)
                }
                o.number("huishoudgrootte", l.persons)
                o.money("rekeninkomen", l.income)
                o.money("rekenhuur", l.rent)
                o.code("passendheidsoort", l.passendheidsoort)
                if !l.priorities.isEmpty {
                    o.array("voorrangsregelingen") { list in
                        for (id, kind, category) in l.priorities {
                            list.object { v in
                                if !id.isEmpty { v.string("id", id) }
                                v.code("soort", kind)
                                v.code("detailSoort", category)
                            }
                        }
                    }
                }
                o.array("extra-attributen") { e in
                    e.extra("publicatie", l.advert)
                    if let r = l.reserve { e.extra("reservering", r) }
                }
            }
        }
        return pages.finish()
    }

    /// The offer each letting makes: status AAN, to be answered by the household.
    static func aanbiedingen(_ batch: BatchInfo, _ lettings: [AllocatedLetting]) -> [(name: String, bytes: [UInt8])] {
        var pages = VERAPages(resource: "aanbiedingen")
        for l in lettings {
            pages.add { o in
                o.string("idExtern", externalID(batch, advert: l.advert))
                o.code("status", "AAN")
                o.reference("publicatie", id: l.advert)
                person(&o, l)
                o.array("extra-attributen") { $0.extra("datum", batch.referenceDate.description) }
            }
        }
        return pages.finish()
    }

    /// Each eligible reaction's place: status AAN for the household offered the advert, SEL for
    /// the others on the list; the outcome (as in candidates.csv) as an ExtraAttribuut.
    static func kandidaten(_ market: Market, _ allocation: Allocation) -> [(name: String, bytes: [UInt8])] {
        let outcomes = ReactionOutcomes(market, allocation)
        let households = market.households
        var pages = VERAPages(resource: "kandidaten")
        for a in 0..<market.adverts.count {
            let advert = market.adverts.ids[a], dwelling = market.dwellings.ids[Int(market.adverts.dwelling[a])]
            for r32 in market.reactions.ofAdvert(a) {
                let r = Int(r32)
                guard allocation.position[r] > 0 else { continue }
                let h = Int(market.reactions.household[r]), household = households.ids[h]
                pages.add { o in
                    o.string("idExtern", externalID(market.batch, advert: advert, household: household))
                    o.code("status", allocation.reaction[a] == r32 ? "AAN" : "SEL")
                    o.number("positie", Int(allocation.position[r]))
                    o.reference("eenheid", id: dwelling)
                    o.object("relatie") { $0.string("id", household); $0.code("soort", "GRO") }
                    o.number("aantalVolwassenen", Int(households.adults[h]))
                    o.number("aantalKinderen", households.children(h))
                    o.money("verzamelinkomen", households.income[h])
                    o.array("extra-attributen") { e in
                        e.extra("publicatie", advert)
                        e.extra("uitkomst", outcomes(r).code(allocation))
                    }
                }
            }
        }
        return pages.finish()
    }
}

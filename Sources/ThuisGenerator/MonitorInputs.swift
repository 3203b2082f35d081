import ThuisCore

/// Synthetic inputs for `thuis monitor` over a profile's municipalities: the dwelling stock in the
/// layout of CBS's open data (table 82900NED as its typed data set is exported, with the
/// inhabitants and the name added), and a building programme. The same profile and seed give the same bytes.
///
/// The figures are invented, not CBS's: sizes follow the profile's municipality shares with
/// noise, the social share of the stock is drawn between 14% and 48% so that some municipalities
/// fall below 30%, and the programme plans 0.8-2.2% of the stock a year, 10-50% of it social.
public struct MonitorInputs: Sendable {
    public var profile: GeneratorProfile
    public var seed: UInt64

    public init(profile: GeneratorProfile, seed: UInt64) {
        self.profile = profile
        self.seed = seed
    }

    /// The stock's year (1 January) and the programme's first year: the profile's.
    public var year: Int { profile.referenceDate.year }
    /// The programme's last year.
    public var lastProgrammeYear: Int { max(year, 2030) }

    /// Per municipality: dwellings, social rental, other rental, inhabitants.
    private var municipalities: [(code: String, dwellings: Int, social: Int, otherRental: Int, inhabitants: Int)] {
        var rng = SeededRandom(seed: seed ^ 0x5354_4F43_4B00_0000)
        let total = Double(profile.households) * 3.5
        let weight = profile.municipalities.map { $0.1 * (0.8 + 0.4 * rng.unit()) }
        let sum = weight.reduce(0, +)
        return zip(profile.municipalities, weight).map { m, w in
            let dwellings = max(200, Int(total * w / sum))
            let social = Int(Double(dwellings) * (0.14 + 0.34 * rng.unit()))
            let otherRental = Int(Double(dwellings) * (0.08 + 0.12 * rng.unit()))
            return (m.0, dwellings, social, otherRental, Int(Double(dwellings) * (1.9 + 0.5 * rng.unit())))
        }
    }

    /// The stock on 1 January of the year before and of ``year``, `;`-separated as CBS exports
    /// it: rows for the whole stock (`StatusVanBewoning` T001235) and for occupied and empty
    /// dwellings, a row for the country, which a reader of the layout skips, and rows for the
    /// wijken and buurten of the generated export (CBS codes in `RegioS`, the whole stock only).
    public func stockCSV() -> String {
        var out = "\"ID\";\"StatusVanBewoning\";\"RegioS\";\"Perioden\";\"TotaleWoningvoorraad_1\";\"Koopwoningen_2\";\"TotaalHuurwoningen_3\";"
            + "\"EigendomWoningcorporatie_4\";\"EigendomOverigeVerhuurders_5\";\"EigendomOnbekend_6\";\"AantalInwoners_5\";\"naam\"\n"
        var id = 0
        func row(_ status: String, _ region: String, _ year: Int, _ total: Int, _ social: Int, _ other: Int, _ inhabitants: Int) {
            let unknown = total / 400
            let name = region.hasPrefix("GM") ? MunicipalityNames.known[String(region.dropFirst(2).prefix(4))] ?? "" : region.hasPrefix("NL") ? "Nederland" : ""
            out += "\(id);\"\(status)\";\"\(region)\";\"\(year)JJ00\";\(total);\(total - social - other - unknown);\(social + other);\(social);\(other);\(unknown);\(inhabitants);\"\(name)\"\n"
            id += 1
        }
        let all = municipalities
        let areas = AreaPlan(profile, seed: seed)
        for year in [year - 1, year] {
            // The year before, the stock was a little smaller and a little less social.
            let scale = year == self.year ? 1.0 : 0.985
            let rows = all.map { m in (m.code, Int(Double(m.dwellings) * scale), Int(Double(m.social) * scale * 0.99), Int(Double(m.otherRental) * scale), Int(Double(m.inhabitants) * scale)) }
            row("T001235", "NL01  ", year, rows.reduce(0) { $0 + $1.1 }, rows.reduce(0) { $0 + $1.2 }, rows.reduce(0) { $0 + $1.3 }, rows.reduce(0) { $0 + $1.4 })
            for (status, part) in [("T001235", 1.0), ("A047047", 0.96), ("A047048", 0.04)] {
                for m in rows {
                    let p: (Int) -> Int = { part == 1 ? $0 : Int(Double($0) * part) }
                    row(status, "GM\(m.0)  ", year, p(m.1), p(m.2), p(m.3), p(m.4))
                }
            }
            // The wijken and buurten of the export the same seed generates (``AreaPlan``): the
            // municipality's dwellings spread by the areas' sizes, its social rental more into
            // the concentrated buurten, which hold more of the cheap stock.
            for (m, row0) in rows.enumerated() {
                let districts = areas.districts[m]
                let sizes = districts.enumerated().map { w, d in (d.otherWeights.reduce(0, +) / Double(w + 1), d.cheapWeights.reduce(0, +) / Double(w + 1)) }
                let (allSize, cheapSize) = (sizes.reduce(0) { $0 + $1.0 }, sizes.reduce(0) { $0 + $1.1 })
                for (w, d) in districts.enumerated() {
                    let dwellings = Int(Double(row0.1) * sizes[w].0 / allSize)
                    let social = min(dwellings, Int(Double(row0.2) * sizes[w].1 / cheapSize))
                    let other = min(dwellings - social, Int(Double(row0.3) * sizes[w].0 / allSize))
                    row("T001235", d.code + "  ", year, dwellings, social, other, Int(Double(row0.4) * sizes[w].0 / allSize))
                    let (all, cheap) = (d.otherWeights.reduce(0, +), d.cheapWeights.reduce(0, +))
                    for (b, buurt) in d.neighbourhoods.enumerated() {
                        let n = Int(Double(dwellings) * d.otherWeights[b] / all)
                        let sn = min(n, Int(Double(social) * d.cheapWeights[b] / cheap))
                        row("T001235", buurt, year, n, sn, min(n - sn, Int(Double(other) * d.otherWeights[b] / all)), Int(Double(n) * 2.1))
                    }
                }
            }
        }
        return out
    }

    /// The building programme, ``year`` through ``lastProgrammeYear``: `gemeente,jaar,woningen,sociale_huur`.
    public func programmeCSV() -> String {
        var rng = SeededRandom(seed: seed ^ 0x504C_414E_0000_0000)
        var out = "gemeente,jaar,woningen,sociale_huur\n"
        for m in municipalities {
            let socialShare = 0.10 + 0.40 * rng.unit()
            for year in year...lastProgrammeYear {
                let planned = Int(Double(m.dwellings) * (0.008 + 0.014 * rng.unit()))
                out += "\(m.code),\(year),\(planned),\(Int(Double(planned) * socialShare))\n"
            }
        }
        return out
    }
}

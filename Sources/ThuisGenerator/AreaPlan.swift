import ThuisCore

/// The wijken, buurten, stadsdelen and complexes of a generated region, and the draw that puts
/// a dwelling in them.
///
/// Every municipality has wijken in proportion to its size (at least two), each with two to
/// nine buurten of skewed sizes (Zipf). About one buurt in seven is a concentrated one: it
/// holds four times its share of the cheap stock (rekenhuur below 600 euros), as post-war
/// neighbourhoods do, so lettings to lower-income groups already cluster there. Municipalities
/// with ten or more wijken group them into stadsdelen (Amsterdam's letters for 0363). Each
/// buurt has one to four complexes per corporation.
///
/// The plan follows from the region's municipalities alone, so every night and year of a region
/// has the same wijken and buurten, and the stock file `thuis generate --stock` writes names
/// them too. The draws that place dwellings come from their own random stream (the export's
/// seed mixed with a constant): every other draw of the generator, and so the rest of the
/// export, is the same as before areas were generated.
struct AreaPlan {
    struct District {
        var code: String
        var borough: String?
        var neighbourhoods: [String]
        /// Per buurt: weight for cheap and for other dwellings.
        var cheapWeights: [Double]
        var otherWeights: [Double]
    }

    /// Per municipality: its wijken.
    var districts: [[District]]
    /// Per municipality: wijk draws for cheap and for other dwellings.
    private var cheapTables: [AliasTable]
    private var otherTables: [AliasTable]
    private var cheapBuurt: [[AliasTable]]
    private var otherBuurt: [[AliasTable]]
    private var rng: SeededRandom

    /// Rent below which a dwelling counts as cheap stock (cents).
    static let cheapRentCents = 60_000
    static let amsterdamBoroughs = ["A", "E", "F", "K", "M", "N", "T"]

    init(_ profile: GeneratorProfile, seed: UInt64) {
        // FNV-1a over the municipality codes: the region's own plan.
        var regionSeed: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in profile.municipalities.map(\.0).joined(separator: ",").utf8 { regionSeed = (regionSeed ^ UInt64(byte)) &* 0x100_0000_01b3 }
        rng = SeededRandom(seed: regionSeed)
        let total = profile.municipalities.map(\.1).reduce(0, +)
        districts = []
        for (code, weight) in profile.municipalities {
            let count = min(99, 2 + Int(40 * weight / total))
            let boroughs = count >= 10 ? (code == "0363" ? AreaPlan.amsterdamBoroughs : (0..<(count / 4)).map { String(UnicodeScalar(UInt8(65 + $0))) }) : []
            var list: [District] = []
            for w in 0..<count {
                let buurten = 2 + rng.below(8)
                let wijk = "WK\(code)\(String(w).leftPadded(2))"
                var cheap: [Double] = [], other: [Double] = []
                for b in 0..<buurten {
                    let size = 1 / Double(b + 1)
                    let concentrated = rng.chance(1.0 / 7)
                    other.append(size)
                    cheap.append(concentrated ? size * 4 : size)
                }
                list.append(District(code: wijk, borough: boroughs.isEmpty ? nil : boroughs[w * boroughs.count / count],
                                     neighbourhoods: (0..<buurten).map { "BU\(code)\(String(w).leftPadded(2))\(String($0).leftPadded(2))" },
                                     cheapWeights: cheap, otherWeights: other))
            }
            districts.append(list)
        }
        rng = SeededRandom(seed: seed ^ 0x5A5A_A5A5_0F0F_F0F0)
        let all = districts
        func wijkSizes(_ m: Int, cheap: Bool) -> AliasTable {
            AliasTable(all[m].enumerated().map { w, d in (cheap ? d.cheapWeights : d.otherWeights).reduce(0, +) / Double(w + 1) })
        }
        cheapTables = all.indices.map { wijkSizes($0, cheap: true) }
        otherTables = all.indices.map { wijkSizes($0, cheap: false) }
        cheapBuurt = all.map { $0.map { AliasTable($0.cheapWeights) } }
        otherBuurt = all.map { $0.map { AliasTable($0.otherWeights) } }
    }

    /// Where dwelling `d` lies: its stadsdeel, wijk, buurt and complex code.
    mutating func place(_ d: GeneratedDwelling) -> GeneratedDwelling.Areas {
        let cheap = d.rentCents < AreaPlan.cheapRentCents
        let m = d.municipality
        let w = (cheap ? cheapTables[m] : otherTables[m]).draw(&rng)
        let b = (cheap ? cheapBuurt[m][w] : otherBuurt[m][w]).draw(&rng)
        let district = districts[m][w]
        let buurt = district.neighbourhoods[b]
        let complex = "CL\(buurt.dropFirst(2))-\(d.corporation + 1)\(rng.below(4))"
        return GeneratedDwelling.Areas(borough: district.borough, district: district.code, neighbourhood: buurt, complex: complex)
    }
}

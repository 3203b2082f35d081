/// How one municipality's lettings to a group spread over its wijken or buurten: whether they
/// gather in the neighbourhoods that already hold the most social housing (the programme
/// letter's "ongelijke verdeling in de huisvesting binnen gemeenten").
///
/// Three measures, on accepted lettings of a period:
/// - Each area's fair share, as ``FairShare`` between municipalities: the group's lettings
///   shared out by the areas' social rental stock (when the stock file gives every area that
///   let something), else by all their lettings; expected households by largest remainder, so
///   the gaps add up to zero. An area with a positive gap received more than its share.
/// - Duncan's dissimilarity index between the group's lettings and the other lettings,
///   D = ½·Σᵢ |gᵢ/G − oᵢ/O|: 0 when both spread alike over the areas, 1 when they never meet
///   in an area; the share of the group's lettings that would have to go elsewhere to spread
///   as the others do. Nil when either side has no lettings.
/// - The concentrated areas: ranked by their social rental share of the stock (highest first,
///   then by code), the fewest that together hold at least a fifth of the municipality's social
///   rental stock. The share of the group's lettings there against the share of all lettings
///   there: above it, the group is housed more than others where social housing already
///   gathers. Nil without area stock.
///
/// Pure arithmetic, O(n log n) in the areas.
public struct AreaConcentration: Sendable, Equatable {
    public struct Area: Sendable, Equatable {
        /// The CBS code (`WK036300`, `BU03630000`).
        public var code: String
        public var lettings: Int
        public var groupLettings: Int
        /// The area's stock on 1 January, where the stock file gives it.
        public var stock: MunicipalStock?
        /// Its part of the group's lettings against its part of the key.
        public var fairShare: FairShare
    }

    /// What the group's lettings are shared out by.
    public enum Key: String, Sendable, Codable {
        /// Social rental stock per area.
        case stock
        /// All accepted lettings per area: the group is expected where lettings are.
        case lettings
    }

    public var municipality: String
    public var kind: AreaKind
    public var key: Key
    /// The areas with lettings or stock, by code.
    public var areas: [Area]
    public var dissimilarity: Double?
    /// The concentrated areas (by code), empty without area stock.
    public var concentrated: [String]
    /// The group's lettings in the concentrated areas, over all its lettings.
    public var groupShareConcentrated: Double?
    /// All lettings in the concentrated areas, over all lettings.
    public var lettingsShareConcentrated: Double?
    /// The concentrated areas' part of the social rental stock.
    public var stockShareConcentrated: Double?
    /// Accepted lettings of the municipality recorded without an area of this kind.
    public var unplaced: Int

    /// The part of a municipality's social rental stock the concentrated areas hold at least.
    public static let concentratedStockShare = 0.2

    /// The measures for `municipality` from its areas' (code, lettings, lettings to the group)
    /// and the stock of the areas the stock file gives (by code).
    public init(municipality: String, kind: AreaKind, lettings: [(code: String, lettings: Int, groupLettings: Int)],
                stock: [String: MunicipalStock], unplaced: Int) {
        self.municipality = municipality
        self.kind = kind
        self.unplaced = unplaced
        var byCode: [String: (lettings: Int, group: Int)] = [:]
        for l in lettings { byCode[l.code, default: (0, 0)].lettings += l.lettings; byCode[l.code, default: (0, 0)].group += l.groupLettings }
        let codes = Set(byCode.keys).union(stock.keys).sorted()
        // The stock is the key only when it covers every area that let something.
        key = byCode.keys.allSatisfy { stock[$0] != nil } && !stock.isEmpty ? .stock : .lettings
        let key = self.key
        let shares = FairShare.shares(codes.map { code in
            (code, key == .stock ? stock[code]?.socialRental ?? 0 : byCode[code]?.lettings ?? 0, byCode[code]?.group ?? 0)
        })
        areas = zip(codes, shares).map { code, share in
            Area(code: code, lettings: byCode[code]?.lettings ?? 0, groupLettings: byCode[code]?.group ?? 0, stock: stock[code], fairShare: share)
        }
        let group = areas.reduce(0) { $0 + $1.groupLettings }, all = areas.reduce(0) { $0 + $1.lettings }
        dissimilarity = Self.dissimilarity(areas.map { ($0.lettings, $0.groupLettings) })
        let withStock = areas.filter { ($0.stock?.dwellings ?? 0) > 0 }
        let socialTotal = withStock.reduce(0) { $0 + $1.stock!.socialRental }
        concentrated = []
        guard key == .stock, socialTotal > 0 else { return }
        let ranked = withStock.sorted { a, b in
            // socialᵃ/dwellingsᵃ > socialᵇ/dwellingsᵇ, compared exactly.
            let l = Int128(a.stock!.socialRental) * Int128(b.stock!.dwellings), r = Int128(b.stock!.socialRental) * Int128(a.stock!.dwellings)
            return l != r ? l > r : a.code < b.code
        }
        var held = 0
        for a in ranked where Double(held) < Self.concentratedStockShare * Double(socialTotal) - 1e-9 {
            concentrated.append(a.code)
            held += a.stock!.socialRental
        }
        concentrated.sort()
        let inside = areas.filter { concentrated.contains($0.code) }
        stockShareConcentrated = Double(held) / Double(socialTotal)
        if group > 0 { groupShareConcentrated = Double(inside.reduce(0) { $0 + $1.groupLettings }) / Double(group) }
        if all > 0 { lettingsShareConcentrated = Double(inside.reduce(0) { $0 + $1.lettings }) / Double(all) }
    }

    /// Duncan's D over areas given as (lettings, lettings to the group): ½·Σᵢ |gᵢ/G − oᵢ/O|;
    /// nil when the group or the others have no lettings.
    public static func dissimilarity(_ areas: [(lettings: Int, group: Int)]) -> Double? {
        let group = areas.reduce(0) { $0 + $1.group }, others = areas.reduce(0) { $0 + $1.lettings } - group
        guard group > 0 && others > 0 else { return nil }
        return areas.reduce(0.0) { d, a in d + abs(Double(a.group) / Double(group) - Double(a.lettings - a.group) / Double(others)) } / 2
    }

    /// The areas that received more than their share (a gap of at least one household), most over first.
    public var over: [Area] {
        areas.filter { $0.fairShare.gap > 0 }.sorted { ($0.fairShare.gap, $1.code) > ($1.fairShare.gap, $0.code) }
    }
}

/// The scope values adverts fall in (a municipality, a corporation, an area, the region), for one scope kind.
struct ScopeIndex {
    /// Names as reports show them, e.g. `municipality 0344`, `buurt BU03440101`.
    var names: [String]
    /// The bare values, as quotas' `so_far` name them (`0344`, `MIT`, `BU03440101`, `0363:A`, `region`).
    var values: [String]
    /// Per advert: index into `names`.
    var ofAdvert: ContiguousArray<Int32>

    init(_ market: Market, _ scope: Quota.Scope) {
        switch scope {
        case .region:
            names = ["region"]
            values = ["region"]
            ofAdvert = ContiguousArray(repeating: 0, count: market.adverts.count)
        case .municipality:
            values = (0..<market.municipalities.count).map { market.municipalities[$0] }
            names = values.map { "municipality \($0)" }
            ofAdvert = ContiguousArray(market.adverts.dwelling.map { market.dwellings.municipality[Int($0)] })
        case .corporation:
            values = (0..<market.corporations.count).map { market.corporations[$0] }
            names = values.map { "corporation \($0)" }
            ofAdvert = ContiguousArray(market.adverts.dwelling.map { market.dwellings.corporation[Int($0)] })
        case .borough, .district, .neighbourhood, .complex:
            let kind = scope.area!
            values = (0..<market.areas[kind.rawValue].count).map { market.areas[kind.rawValue][$0] }
            names = values.map { "\(kind.word) \($0)" }
            ofAdvert = ContiguousArray(market.adverts.dwelling.map { market.dwellings.area(kind, of: Int($0)) })
            // The commands refuse a batch whose dwellings lack the area (SourceNeeds); a caller
            // of the core that did not ask gets the dwellings without one counted together.
            if ofAdvert.contains(-1) {
                let none = Int32(values.count)
                values.append("")
                names.append("\(kind.word) (none)")
                for a in ofAdvert.indices where ofAdvert[a] < 0 { ofAdvert[a] = none }
            }
        }
    }
}

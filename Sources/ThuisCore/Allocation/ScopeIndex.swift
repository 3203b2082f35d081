/// The scope values adverts fall in (a municipality, a corporation, the region), for one scope kind.
struct ScopeIndex {
    /// Names as reports show them, e.g. `municipality 0344`.
    var names: [String]
    /// The bare values, as quotas' `so_far` name them (`0344`, `MIT`, `region`).
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
        }
    }
}

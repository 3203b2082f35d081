/// One allocation batch in memory: the adverts, dwellings, households and their reactions.
///
/// Records are interned to dense indices and stored in columns. Every table is in canonical
/// order (by external id, byte-wise), so the same records in any order give the same market.
public struct Market: Sendable {
    /// What the export's root says about the batch.
    public var batch: BatchInfo
    /// CBS municipality codes (e.g. `0363`), indexed by the municipality columns.
    public var municipalities = IdTable()
    /// Corporation codes, indexed by ``Dwellings/corporation``.
    public var corporations = IdTable()
    /// Per ``AreaKind``: the areas dwellings lie in, as qualified codes (``AreaKind/qualified(_:municipality:corporation:)``).
    public var areas = [IdTable](repeating: IdTable(), count: AreaKind.allCases.count)
    /// Reserve labels named in the export, indexed by ``Adverts/reserveLabel``.
    public var reserveLabels = IdTable()
    public var dwellings = Dwellings()
    public var adverts = Adverts()
    public var households = Households()
    public var priorities = Priorities()
    public var reactions = Reactions()
    public var offers = Offers()
    /// Data the source did not send for some records, with the first record lacking it: the
    /// rules that read it refuse the batch rather than read zeros.
    public var sourceGaps: [SourceGap: SourceLocation] = [:]

    public init(batch: BatchInfo) { self.batch = batch }
}

extension Market {
    /// Whether any dwelling names a stadsdeel, wijk, buurt or complex: outputs then carry them.
    public var hasAreas: Bool { areas.contains { $0.count > 0 } }

    /// The areas dwelling `d` lies in, by kind, as qualified codes; kinds it has none of are left out.
    public func areaCodes(ofDwelling d: Int) -> [AreaKind: String] {
        var codes: [AreaKind: String] = [:]
        for kind in AreaKind.allCases where dwellings.area(kind, of: d) >= 0 {
            codes[kind] = areas[kind.rawValue][Int(dwellings.area(kind, of: d))]
        }
        return codes
    }
}

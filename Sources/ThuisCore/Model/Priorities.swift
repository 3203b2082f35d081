/// The priority statuses (Voorrangsregeling) of all households, grouped by household.
public struct Priorities: Sendable {
    /// External ids (`Voorrangsregeling id`), when given; empty otherwise.
    public var ids: ContiguousArray<String> = []
    /// The household holding the status.
    public var household: ContiguousArray<Int32> = []
    /// The kind (`soort`).
    public var kind: ContiguousArray<PriorityKind> = []
    /// The category (`detailSoort`).
    public var category: ContiguousArray<PriorityCategory> = []
    /// First day of validity (`begindatum`).
    public var start: ContiguousArray<Day> = []
    /// Last day of validity (`einddatum`); nil when open-ended.
    public var end: ContiguousArray<Day?> = []
    /// Municipalities where the status holds: `scope[scopeStart[p]..<scopeStart[p+1]]`;
    /// empty means everywhere in the region.
    public var scopeStart: ContiguousArray<Int32> = [0]
    /// Municipality indices of all scopes.
    public var scope: ContiguousArray<Int32> = []
    /// Stadsdelen, wijken and buurten where the status holds, besides `scope`'s municipalities:
    /// `areaScope[areaScopeStart[p]..<areaScopeStart[p+1]]`.
    public var areaScopeStart: ContiguousArray<Int32> = [0]
    public var areaScope: ContiguousArray<PriorityArea> = []

    public init() {}

    /// Number of priority statuses.
    public var count: Int { household.count }

    /// Whether status `p` is valid on `day`.
    public func isValid(_ p: Int, on day: Day) -> Bool {
        start[p] <= day && (end[p].map { day <= $0 } ?? true)
    }

    /// Whether status `p` applies at dwelling `d`: it lists no place (the whole region), or the
    /// dwelling lies in one of the municipalities or areas its profile lists.
    public func applies(_ p: Int, atDwelling d: Int, of dwellings: Dwellings) -> Bool {
        let municipalities = Int(scopeStart[p])..<Int(scopeStart[p + 1])
        let areas = Int(areaScopeStart[p])..<Int(areaScopeStart[p + 1])
        if municipalities.isEmpty && areas.isEmpty { return true }
        if scope[municipalities].contains(dwellings.municipality[d]) { return true }
        return areaScope[areas].contains { $0.index >= 0 && dwellings.area($0.kind, of: d) == $0.index }
    }

    /// The areas status `p`'s profile lists.
    public func areas(of p: Int) -> ArraySlice<PriorityArea> {
        areaScope[Int(areaScopeStart[p])..<Int(areaScopeStart[p + 1])]
    }
}

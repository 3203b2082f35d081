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

    public init() {}

    /// Number of priority statuses.
    public var count: Int { household.count }

    /// Whether status `p` is valid on `day`.
    public func isValid(_ p: Int, on day: Day) -> Bool {
        start[p] <= day && (end[p].map { day <= $0 } ?? true)
    }

    /// Whether status `p` applies in municipality `m`.
    public func applies(_ p: Int, inMunicipality m: Int32) -> Bool {
        let range = Int(scopeStart[p])..<Int(scopeStart[p + 1])
        return range.isEmpty || scope[range].contains(m)
    }
}

/// A cap as the mechanism enforced it: its name, where it counts, and which lettings count
/// against it. Reports use it to say which cap turned a reaction away, and checkers to recount it.
public struct CapRule: Sendable, Equatable {
    /// What makes a letting count against the cap.
    public enum Counts: Sendable, Equatable {
        /// A policy cap: lettings to members of the group at this index of ``Allocation/groupNames``.
        case group(Int)
        /// The DAEB free share: lettings to households above the DAEB income limit.
        case aboveDaebLimit
        /// The passend exceptions: lettings above the aftoppingsgrens to benefit-eligible households.
        case passendException
    }

    public var name: String
    public var scope: Quota.Scope
    public var unit: Quota.Unit
    public var counts: Counts

    public init(name: String, scope: Quota.Scope, unit: Quota.Unit, counts: Counts) {
        self.name = name
        self.scope = scope
        self.unit = unit
        self.counts = counts
    }

    /// Whether a letting with these groups and legal flags counts against the cap.
    public func counts(groups: UInt32, aboveDaebLimit: Bool, passendException: Bool) -> Bool {
        switch counts {
        case .group(let g): return groups & (1 << UInt32(g)) != 0
        case .aboveDaebLimit: return aboveDaebLimit
        case .passendException: return passendException
        }
    }
}

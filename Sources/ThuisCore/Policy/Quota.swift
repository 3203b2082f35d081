/// A floor or a cap on lettings to a group, per scope and period.
public struct Quota: Sendable, Equatable {
    /// The most caps a policy may set: with the two legal caps they fill a reaction's 64-bit refusal mask.
    public static let maximumCaps = 62
    public enum Kind: String, Sendable, CaseIterable {
        /// At least this much.
        case floor
        /// At most this much.
        case cap
    }

    public enum Amount: Sendable, Equatable {
        /// A share of the lettings in the scope and period (0...1).
        case share(Double)
        /// An absolute number of households or persons in the period.
        case count(Int)
    }

    /// What is counted.
    public enum Unit: String, Sendable, CaseIterable {
        case households
        /// Persons housed (the statushouders task counts persons).
        case persons
    }

    public enum Scope: String, Sendable, CaseIterable {
        case region
        case municipality
        case corporation
        /// Each stadsdeel, wijk, buurt or complex (``AreaKind``) on its own: a spreading rule.
        case borough = "stadsdeel"
        case district = "wijk"
        case neighbourhood = "buurt"
        case complex

        /// The area this scope counts in, or nil for region, municipality and corporation.
        public var area: AreaKind? {
            switch self {
            case .region, .municipality, .corporation: return nil
            case .borough: return .borough
            case .district: return .district
            case .neighbourhood: return .neighbourhood
            case .complex: return .complex
            }
        }
    }

    public enum Period: String, Sendable, CaseIterable {
        case batch
        case halfYear = "half-year"
        case year
    }

    /// What a period holds for one scope value (a municipality code, a corporation, or
    /// `region`): lettings already made, and the group's part of them.
    public struct SoFar: Sendable, Equatable {
        public var scopeValue: String
        /// All lettings in the scope (households).
        public var lettings: Int
        /// Lettings to the group, in the quota's unit.
        public var group: Int
        /// Shortfall carried over from the previous period (a half-year task), added to the target.
        public var carryOver: Int
        public init(scopeValue: String, lettings: Int, group: Int, carryOver: Int = 0) {
            self.scopeValue = scopeValue
            self.lettings = lettings
            self.group = group
            self.carryOver = carryOver
        }
    }

    public var name: String
    public var group: String
    public var kind: Kind
    public var amount: Amount
    public var unit = Unit.households
    public var scope = Scope.municipality
    public var period = Period.batch
    /// Lettings made in the period before a ledger kept them, as the policy file states them
    /// (`[[quotas.so_far]]`). What a ledger holds is run state: see ``PeriodState``.
    public var given: [SoFar] = []

    public init(name: String, group: String, kind: Kind, amount: Amount) {
        self.name = name
        self.group = group
        self.kind = kind
        self.amount = amount
    }
}

extension Quota.Amount {
    /// The least a floor of this amount asks when the period has `lettings`: a count as it is,
    /// a share rounded up (30% of 7 lettings asks 3).
    public func least(of lettings: Int) -> Int {
        switch self {
        case .count(let n): return n
        case .share(let share): return Quota.shareRoundedUp(share, of: lettings)
        }
    }

    /// The most a cap of this amount allows when the period has `lettings`: a count as it is, a
    /// share rounded down (40% of 7 lettings allows 2).
    public func most(of lettings: Int) -> Int {
        switch self {
        case .count(let n): return n
        case .share(let share): return Int((share * Double(lettings) + 1e-9).rounded(.down))
        }
    }
}

extension Quota {
    /// `share` of `count`, rounded up; the tolerance keeps 30% of 10 at 3 although 0.3 is not
    /// exact in binary. Floors, the lottery share and reports all round with this one function.
    public static func shareRoundedUp(_ share: Double, of count: Int) -> Int {
        Int((share * Double(count) - 1e-9).rounded(.up))
    }
}

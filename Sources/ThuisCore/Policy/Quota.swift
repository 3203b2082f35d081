/// A floor or a cap on lettings to a group, per scope and period.
public struct Quota: Sendable, Equatable {
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
    }

    public enum Period: String, Sendable, CaseIterable {
        case batch
        case halfYear = "half-year"
        case year
    }

    /// Lettings already made in the period, for one scope value (a municipality code, a
    /// corporation, or `region`): until a ledger keeps them.
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
    public var soFar: [SoFar] = []

    public init(name: String, group: String, kind: Kind, amount: Amount) {
        self.name = name
        self.group = group
        self.kind = kind
        self.amount = amount
    }

    /// Lettings so far for a scope value.
    public func soFar(_ scopeValue: String) -> SoFar {
        soFar.first { $0.scopeValue == scopeValue } ?? SoFar(scopeValue: scopeValue, lettings: 0, group: 0)
    }
}

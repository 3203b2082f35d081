/// A rule on a dwelling (Eenheidcriterium): a filter (SEL) or a ranking preference (SOR).
public struct Criterion: Sendable, Equatable {
    /// What the rule looks at (`soort`).
    public var kind: CriterionKind
    /// A finer code (`detailsoort`), as given; empty when absent.
    public var detail: String
    /// Filter or ranking (`toepassing`).
    public var use: CriterionUse
    /// Lower bound, inclusive (`aantalOndergrens`), in hundredths of the unit.
    public var lowerBound: Int64?
    /// Upper bound, inclusive (`aantalBovengrens`), in hundredths of the unit.
    public var upperBound: Int64?
    /// Exact value (`aantalExact`), in hundredths of the unit.
    public var exactValue: Int64?

    public init(kind: CriterionKind, detail: String, use: CriterionUse,
                lowerBound: Int64?, upperBound: Int64?, exactValue: Int64?) {
        self.kind = kind
        self.detail = detail
        self.use = use
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.exactValue = exactValue
    }

    /// Whether `value` (in hundredths) satisfies the bounds.
    public func admits(_ value: Int64) -> Bool {
        if let exactValue, value != exactValue { return false }
        if let lowerBound, value < lowerBound { return false }
        if let upperBound, value > upperBound { return false }
        return true
    }
}

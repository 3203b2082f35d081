/// An amount in euro, kept in whole cents so sums and comparisons are exact.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in cents.
    public var cents: Int64

    /// The amount with the given number of cents.
    public init(cents: Int64) { self.cents = cents }

    /// Zero euro.
    public static let zero = Money(cents: 0)

    /// The amount as a decimal with two digits, e.g. `682.96`.
    public var description: String {
        let sign = cents < 0 ? "-" : ""
        let a = cents.magnitude
        let fraction = a % 100
        return "\(sign)\(a / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public static func < (l: Money, r: Money) -> Bool { l.cents < r.cents }
    public static func + (l: Money, r: Money) -> Money { Money(cents: l.cents + r.cents) }
}

/// A member's counted income, built from its Inkomen records in any order: the amounts of the
/// latest year given, gross (BRU) and verzamelinkomen (VZI) added up; net incomes and earlier
/// years do not count. The one place both readers take this rule from.
public struct CountedIncome: Sendable {
    /// The counted income in hundredths, at most ``FieldBytes/maximumHundredths``.
    public private(set) var cents: Int64 = 0
    private var year: Int64 = .min

    public init() {}

    /// Counts one amount (zero or more, at most the bound). False when the year's amounts now add
    /// up to more than 1,000,000,000.00: the income is held at that bound, and the caller reports it.
    public mutating func add(_ amount: Int64, kind: IncomeKind, year: Int64) -> Bool {
        guard kind != .net else { return true }
        if year > self.year {
            self.year = year
            cents = amount
        } else if year == self.year {
            // Each amount is at most the bound, so the sum of two fits in 64 bits.
            cents += amount
            if cents > FieldBytes.maximumHundredths {
                cents = FieldBytes.maximumHundredths
                return false
            }
        }
        return true
    }
}

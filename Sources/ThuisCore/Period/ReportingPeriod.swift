/// A year (`2026`) or a half-year (`2026-H1`, `2026-H2`), as reports over the ledger take it.
public struct ReportingPeriod: Sendable, Equatable, CustomStringConvertible {
    /// As given: `2026`, `2026-H1`.
    public let description: String
    /// The first day.
    public let from: Day
    /// The day after the last.
    public let until: Day
    /// Whether this is a half-year.
    public let isHalfYear: Bool

    /// Reads `2026`, `2026-H1` or `2026-H2` (years 2000 to 2100); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts.first ?? ""), (2000...2100).contains(year), parts.count <= 2 else { return nil }
        let half: Int? = parts.count == 1 ? nil : parts[1] == "H1" ? 1 : parts[1] == "H2" ? 2 : 0
        if half == 0 { return nil }
        description = text
        isHalfYear = half != nil
        from = Day(year: year, month: half == 2 ? 7 : 1, day: 1)!
        until = half == 1 ? Day(year: year, month: 7, day: 1)! : Day(year: year + 1, month: 1, day: 1)!
    }

    /// The half-year before this one, when this is a half-year: what a half-year task carries over from.
    public var previousHalf: (from: Day, until: Day)? {
        guard isHalfYear else { return nil }
        let (year, month, _) = from.components
        return month == 1 ? (Day(year: year - 1, month: 7, day: 1)!, from) : (Day(year: year, month: 1, day: 1)!, from)
    }
}

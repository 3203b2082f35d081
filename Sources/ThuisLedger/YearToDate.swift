import ThuisCore

/// Fills a policy's quotas with what the ledger holds for their period (see ``PeriodFigures``).
public enum YearToDate {
    /// The policy with `soFar` of every year or half-year quota, and of the legal caps, taken
    /// from the ledger's lettings (accepted or still open offers) up to and including `day`.
    public static func apply(to policy: Policy, on day: Day, in ledger: LedgerTransaction) throws -> Policy {
        try PeriodFigures.apply(to: policy, on: day) { from, until in
            try ledger.lettings(from: from.description, until: until.description)
        }
    }
}

import ThuisCore

/// What the ledger holds for a policy's period quotas (see ``PeriodFigures``).
public enum YearToDate {
    /// The period state on `day`: every year or half-year quota, and the legal caps, from the
    /// ledger's lettings (accepted or still open offers) up to and including `day`.
    public static func state(for policy: Policy, on day: Day, in ledger: LedgerTransaction) throws -> PeriodState {
        try PeriodFigures.state(for: policy, on: day) { from, until in
            try ledger.lettings(from: from.description, until: until.description)
        }
    }

    /// The period state batch `batchID` read on `day` when it ran (see
    /// ``LedgerTransaction/lettings(from:until:asSeenBy:)``): what `thuis verify --ledger` holds
    /// its summary.json against.
    public static func state(for policy: Policy, on day: Day, in ledger: LedgerTransaction, asSeenBy batchID: String) throws -> PeriodState {
        try PeriodFigures.state(for: policy, on: day) { from, until in
            try ledger.lettings(from: from.description, until: until.description, asSeenBy: batchID)
        }
    }
}

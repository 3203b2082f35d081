/// What recording a set of answers did (see ``LedgerTransaction/record(_:correcting:source:)``).
public struct RecordedOutcomes: Sendable, Equatable {
    /// What became of each answer, in order.
    public var results: [OutcomeResult]
    /// Open offers withdrawn (ING, AND) because their household accepted another.
    public var withdrawnByAcceptance: Int

    public init(results: [OutcomeResult], withdrawnByAcceptance: Int) {
        self.results = results
        self.withdrawnByAcceptance = withdrawnByAcceptance
    }
}

/// The matching mechanism.
public enum Mechanism: String, Sendable, CaseIterable {
    /// Household-proposing deferred acceptance: stable, strategy-proof for households.
    case deferredAcceptance = "da"
    /// Adverts in publication order, each to its highest-ranked household not yet housed.
    case sequential
}

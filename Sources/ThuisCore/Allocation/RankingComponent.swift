/// One part of a ranking key, in the order the policy's ranking compares them: what
/// `explain` names as the reason one household came before another, and what `publication.csv`
/// gives as `let_by`. Reports switch over it exhaustively, so a new rule cannot be explained by
/// a default ("the final tie-break") it does not deserve.
public enum RankingComponent: String, Sendable, CaseIterable {
    /// Holding a priority status the policy puts first (its rank among the policy's categories).
    case priorityPrecedence
    /// Among priority holders: the status's start (longer urgency first).
    case priorityStart
    /// Living or working in the advert's municipality.
    case localBinding
    /// Fitting the dwelling's target group.
    case targetGroup
    /// The registration date (earlier first).
    case registration
    /// Points (more first).
    case points
    /// The reaction's date (first come, first served).
    case reactionDate
    /// The batch's lottery draw.
    case lottery
    /// The household's index: the final tie-break, which makes every order strict.
    case household
}

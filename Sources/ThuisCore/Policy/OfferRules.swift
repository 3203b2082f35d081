/// How offers are made and answered between batches (`[offers]` in a policy): the rules the
/// ledger enforces when it decides who may be offered.
public struct OfferRules: Sendable, Equatable {
    /// Open offers a household may hold at once: one holding this many gets no new offer until
    /// it answers (`max_open`, 1 by default: no second offer while one waits).
    public var maxOpen = 1
    /// Days a household has to answer an offer Thuis makes (`answer_days`); nil: only the
    /// export's `vervaldatum` sets a deadline.
    public var answerDays: Int?

    public init() {}
}

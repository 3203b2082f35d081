/// Everything a region decides about allocation, and the year's legal parameters: nothing of
/// this is hard-coded in the engine.
public struct Policy: Sendable {
    /// A name for reports.
    public var name = "policy"
    /// The year whose legal parameters apply.
    public var year = 2026
    public var law = LegalParameters()
    public var eligibility = EligibilityRules()
    /// Groups of households, by priority category, in the order written.
    public var groups: [GroupDefinition] = []
    public var ranking = RankingRules()
    public var quotas: [Quota] = []
    public var mechanism = Mechanism.deferredAcceptance
    /// How adverts are chosen to carry a floor quota's reserve.
    public var labelling = LabellingStrategy.rotation
    /// Re-label and rerun when reserves revert and leave a floor unmet.
    public var relabel = true
    /// Seed of the lottery.
    public var seed: UInt64 = 1
    /// After this many refused offers a household's priority statuses no longer count (nil: never).
    public var urgencyLapsesAfterRefusals: Int?
    /// Open offers per household and answer deadlines.
    public var offers = OfferRules()
    /// Lettings each corporation expects over the year (`[legal.expected_lettings]`): the legal
    /// caps (DAEB free share, passend exceptions) are sized from at least this many, so that a
    /// year's first batches have room a year of lettings will have.
    public var expectedLettings: [String: Int] = [:]
    /// What letters to households say about objections, and who sends them.
    public var letter = LetterTexts()
    /// What reading the policy file found worth saying but not refusing (a key kept only for
    /// old policies); commands print these as warnings.
    public var warnings: [Diagnostic] = []

    public init() {}

    /// The group with this name.
    public func group(named name: String) -> GroupDefinition? { groups.first { $0.name == name } }
}

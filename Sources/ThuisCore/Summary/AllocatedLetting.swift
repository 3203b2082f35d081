/// One letting of a batch as the corporation's system records it (VERA's Toewijzing): what
/// `toewijzingen.xml` and the VERA results write for each let advert.
public struct AllocatedLetting: Sendable {
    public var advert: String
    public var dwelling: String
    public var household: String
    /// The household's applicant (a person's id), when the source named one.
    public var applicant: String?
    /// Place on the advert's candidate list; nil for a direct allocation without a reaction.
    public var position: Int?
    public var persons: Int
    public var adults: Int
    public var income: Money
    public var rent: Money
    /// PASSENDHEIDSSOORT: PAS, NIE or NVT.
    public var passendheidsoort: String
    /// The dwelling's target group (DOELGROEP), if it has one.
    public var targetGroup: String?
    /// The reserve the advert was let under, if any.
    public var reserve: String?
    /// (id, soort, detailSoort) of the priority statuses that applied.
    public var priorities: [(String, String, String)]

    public init(advert: String, dwelling: String, household: String, position: Int?, persons: Int, adults: Int,
                income: Money, rent: Money, passendheidsoort: String, targetGroup: String?, reserve: String?,
                priorities: [(String, String, String)]) {
        self.advert = advert
        self.dwelling = dwelling
        self.household = household
        self.position = position
        self.persons = persons
        self.adults = adults
        self.income = income
        self.rent = rent
        self.passendheidsoort = passendheidsoort
        self.targetGroup = targetGroup
        self.reserve = reserve
        self.priorities = priorities
    }
}

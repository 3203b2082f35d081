/// A letting (or an offer not yet answered) as period figures count it.
public struct LettingRecord: Sendable, Equatable {
    public var municipality: String
    public var corporation: String
    public var groups: Set<String>
    public var persons: Int
    public var social: Bool
    public var aboveDaebLimit: Bool
    public var benefitEligible: Bool
    public var passendException: Bool
    /// The stadsdeel, wijk, buurt and complex the dwelling lies in (qualified codes, see
    /// ``AreaKind``), where the batch had them; lettings recorded before Thuis kept areas have none.
    public var areas: [AreaKind: String] = [:]

    public init(municipality: String, corporation: String, groups: Set<String>, persons: Int, social: Bool,
                aboveDaebLimit: Bool, benefitEligible: Bool, passendException: Bool) {
        self.municipality = municipality
        self.corporation = corporation
        self.groups = groups
        self.persons = persons
        self.social = social
        self.aboveDaebLimit = aboveDaebLimit
        self.benefitEligible = benefitEligible
        self.passendException = passendException
    }
}

/// The seeking households (Relatie) of a market, with what the rules need derived per household.
public struct Households: Sendable {
    /// External ids (`Relatie id`).
    public var ids = IdTable()
    /// Municipality of residence (`gemeente`), or -1 when unknown.
    public var municipality: ContiguousArray<Int32> = []
    /// Municipality of work (`werkgemeente`), or -1: economic binding.
    public var workMunicipality: ContiguousArray<Int32> = []
    /// Registration date (`Inschrijving begindatum`): the start of waiting time.
    public var registrationDate: ContiguousArray<Day> = []
    /// Search points (`zoekpunten`), for points-based ranking.
    public var searchPoints: ContiguousArray<Int32> = []
    /// Situation points (`situatiepunten`).
    public var situationPoints: ContiguousArray<Int32> = []
    /// Start points (`startpunten`).
    public var startPoints: ContiguousArray<Int32> = []
    /// Members (Lid): `members[memberStart[h]..<memberStart[h+1]]`.
    public var memberStart: ContiguousArray<Int32> = [0]
    /// Birth date of every member, grouped by household.
    public var memberBirthDate: ContiguousArray<Day> = []
    /// Income counted for each member (sum of the latest year's BRU/VZI amounts).
    public var memberIncome: ContiguousArray<Money> = []
    /// Number of members.
    public var persons: ContiguousArray<Int16> = []
    /// Members aged 18 or over on the reference date.
    public var adults: ContiguousArray<Int16> = []
    /// Birth date of the oldest member: age rules and pension age look at this member.
    public var oldestBirthDate: ContiguousArray<Day> = []
    /// Household income: the adults' incomes added up; children's incomes do not count.
    public var income: ContiguousArray<Money> = []
    /// Priority statuses (Voorrangsregeling): `priorities[priorityStart[h]..<priorityStart[h+1]]`
    /// in ``Market/priorities``.
    public var priorityStart: ContiguousArray<Int32> = [0]

    public init() {}

    /// The applicant's own id (a NatuurlijkPersoon's), by household, where the source gives
    /// members with ids (VERA does, Thuis's XML export does not): what VERA's Aanbieding and
    /// Toewijzing name as their `relatie`.
    public var applicant: [Int32: String] = [:]

    /// Number of households.
    public var count: Int { registrationDate.count }

    /// Members aged under 18 on the reference date.
    public func children(_ h: Int) -> Int { Int(persons[h] - adults[h]) }

    /// The range of household `h`'s priorities in ``Market/priorities``.
    public func priorityRange(_ h: Int) -> Range<Int> {
        Int(priorityStart[h])..<Int(priorityStart[h + 1])
    }
}

/// What the rules ask of each household on the reference date, computed once per batch.
struct HouseholdFacts {
    /// Age of the oldest member.
    var oldestAge: ContiguousArray<Int16>
    /// Whether the oldest member has reached pension age.
    var pensionAge: ContiguousArray<Bool>

    init(_ market: Market, _ law: LegalParameters) {
        let day = market.batch.referenceDate
        let n = market.households.count
        oldestAge = ContiguousArray(repeating: 0, count: n)
        pensionAge = ContiguousArray(repeating: false, count: n)
        for h in 0..<n {
            let age = day.years(since: market.households.oldestBirthDate[h])
            oldestAge[h] = Int16(clamping: age)
            pensionAge[h] = age >= law.pensionAge
        }
    }
}

/// The valid priority statuses of a household at one municipality.
struct PriorityView {
    /// Bit per `PriorityCategory` (by position in `allCases`).
    var categories: UInt32 = 0
    /// Bit per `PriorityKind`.
    var kinds: UInt8 = 0
    /// Best precedence index (lower first), `Int.max` when none counts.
    var precedence = Int.max
    /// Start of the best-precedence status (earlier first).
    var start = Int32.max

    static let categoryIndex: [PriorityCategory: Int] = Dictionary(
        uniqueKeysWithValues: PriorityCategory.allCases.enumerated().map { ($1, $0) })
    static let kindIndex: [PriorityKind: Int] = Dictionary(
        uniqueKeysWithValues: PriorityKind.allCases.enumerated().map { ($1, $0) })

    /// No valid status.
    init() {}

    static func bit(_ category: PriorityCategory) -> UInt32 { 1 << UInt32(categoryIndex[category]!) }

    /// The statuses of `h` valid on the reference date and applying in municipality `m`.
    init(_ market: Market, household h: Int, municipality m: Int32, precedence order: [PriorityCategory: Int]) {
        let p = market.priorities, day = market.batch.referenceDate
        for i in market.households.priorityRange(h) where p.isValid(i, on: day) && p.applies(i, inMunicipality: m) {
            categories |= PriorityView.bit(p.category[i])
            kinds |= 1 << UInt8(PriorityView.kindIndex[p.kind[i]]!)
            if let rank = order[p.category[i]] {
                if rank < precedence || (rank == precedence && p.start[i].rawValue < start) {
                    precedence = rank
                    start = p.start[i].rawValue
                }
            }
        }
    }

    func holds(_ category: PriorityCategory) -> Bool { categories & PriorityView.bit(category) != 0 }
    func holdsAny(_ set: Set<PriorityCategory>) -> Bool { set.contains { holds($0) } }
    func holds(kind: PriorityKind) -> Bool { kinds & (1 << UInt8(PriorityView.kindIndex[kind]!)) != 0 }
}

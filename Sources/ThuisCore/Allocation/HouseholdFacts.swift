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

/// Per priority status, what the rules compare, as bits: computed once per batch so that the
/// per-reaction work never looks up a dictionary.
struct PriorityBits {
    var category: ContiguousArray<UInt32>
    var kind: ContiguousArray<UInt8>
    /// Place of the category in the ranking's precedence; `Int.max` when it gives no priority.
    var precedence: ContiguousArray<Int>

    init(_ market: Market, precedence order: [PriorityCategory]) {
        let p = market.priorities
        category = ContiguousArray(p.category.map { PriorityView.bit($0) })
        kind = ContiguousArray(p.kind.map { PriorityView.bit($0) })
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        precedence = ContiguousArray(p.category.map { rank[$0] ?? Int.max })
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

    /// No valid status.
    init() {}

    /// The bit of a category.
    static func bit(_ category: PriorityCategory) -> UInt32 {
        1 << UInt32(PriorityCategory.allCases.firstIndex(of: category)!)
    }

    /// The bit of a kind.
    static func bit(_ kind: PriorityKind) -> UInt8 { 1 << UInt8(PriorityKind.allCases.firstIndex(of: kind)!) }

    /// The bits of a set of categories.
    static func mask(_ categories: Set<PriorityCategory>) -> UInt32 { categories.reduce(0) { $0 | bit($1) } }

    /// The statuses of `h` valid on the reference date and applying in municipality `m`.
    init(_ market: Market, household h: Int, municipality m: Int32, bits: PriorityBits) {
        let p = market.priorities, day = market.batch.referenceDate
        for i in market.households.priorityRange(h) where p.isValid(i, on: day) && p.applies(i, inMunicipality: m) {
            categories |= bits.category[i]
            kinds |= bits.kind[i]
            let rank = bits.precedence[i]
            if rank < precedence || (rank == precedence && rank != Int.max && p.start[i].rawValue < start) {
                precedence = rank
                start = p.start[i].rawValue
            }
        }
    }

    func holds(_ category: PriorityCategory) -> Bool { categories & PriorityView.bit(category) != 0 }
    func holdsAny(_ mask: UInt32) -> Bool { categories & mask != 0 }
    func holds(kind: PriorityKind) -> Bool { kinds & PriorityView.bit(kind) != 0 }
}

/// Per dwelling, the policy's eligibility rules resolved once: what the per-reaction check reads.
struct DwellingRules {
    /// Categories that give access to a dwelling set aside for a further group; 0 when any household may.
    var requiredCategories: ContiguousArray<UInt32>
    var condition: ContiguousArray<EligibilityRules.HouseholdCondition?>
    var minimumPersons: ContiguousArray<Int>
    var maximumPersons: ContiguousArray<Int>

    init(_ market: Market, _ rules: EligibilityRules) {
        let d = market.dwellings
        let required = rules.additionalTargetGroups.mapValues(PriorityView.mask)
        requiredCategories = ContiguousArray(d.additionalTargetGroup.map { extra in extra.flatMap { required[$0] } ?? 0 })
        condition = ContiguousArray(d.targetGroup.map { group in group.flatMap { rules.targetGroupRules[$0] } })
        minimumPersons = ContiguousArray(d.rooms.map { rooms in
            rules.minimumPersonsByRooms.filter { Int(rooms) >= $0.rooms }.max { $0.rooms < $1.rooms }?.persons ?? 0
        })
        maximumPersons = ContiguousArray(d.rooms.map { rooms in
            rules.maximumPersonsPerRoom.map { rooms > 0 ? $0 * Int(rooms) : Int.max } ?? Int.max
        })
    }
}

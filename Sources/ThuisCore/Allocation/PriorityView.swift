/// The valid priority statuses of a household at one dwelling (its municipality and areas).
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

    /// The statuses of `h` valid on the reference date and applying at dwelling `d`.
    init(_ market: Market, household h: Int, dwelling d: Int, bits: PriorityBits) {
        let p = market.priorities, day = market.batch.referenceDate
        for i in market.households.priorityRange(h) where p.isValid(i, on: day) && p.applies(i, atDwelling: d, of: market.dwellings) {
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

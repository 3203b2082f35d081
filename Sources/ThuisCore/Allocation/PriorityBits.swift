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

/// Part `index` of `count` (0-based) of a run split over processes: it takes the work items whose
/// number leaves remainder `index` when divided by `count`, so the parts are disjoint and
/// `thuis merge` joins them into the single-process result.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// `I/N` with 0 <= I < N; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else {
            return nil
        }
        self.index = index
        self.count = count
    }

    /// `I/N`.
    public var description: String { "\(index)/\(count)" }

    /// Whether work item `item` belongs to this part.
    public func contains(_ item: Int) -> Bool { item % count == index }
}

extension Optional where Wrapped == Shard {
    /// The work items of `0..<total` this run does: all without a shard.
    func items(of total: Int) -> [Int] {
        (0..<total).filter { self?.contains($0) ?? true }
    }
}

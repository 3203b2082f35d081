/// A large table made in chunks of whole rows, so that the chunks can be formatted on several
/// cores and written in order without the whole table in memory (candidates.csv is a gigabyte
/// on a national run).
///
/// The table is the chunks joined in order; how it is cut changes nothing in its bytes.
public struct ChunkedRows: Sendable {
    /// Number of chunks.
    public let count: Int
    private let make: @Sendable (Int) -> [UInt8]

    /// A table of `count` chunks; `make(i)` formats chunk `i` and may run on any thread.
    public init(count: Int, make: @escaping @Sendable (Int) -> [UInt8]) {
        self.count = count
        self.make = make
    }

    /// The bytes of chunk `i`.
    public func chunk(_ i: Int) -> [UInt8] { make(i) }

    /// The whole table in one buffer (for tests and small tables).
    public var joined: [UInt8] {
        var bytes: [UInt8] = []
        for i in 0..<count { bytes += make(i) }
        return bytes
    }

    /// Consecutive ranges of `0..<items`, each holding about `target` of `weight` (at least one item).
    public static func ranges(items: Int, target: Int, weight: (Int) -> Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = [], start = 0, held = 0
        for i in 0..<items {
            held += weight(i)
            if held >= target {
                ranges.append(start..<(i + 1))
                start = i + 1
                held = 0
            }
        }
        if start < items || ranges.isEmpty { ranges.append(start..<items) }
        return ranges
    }
}

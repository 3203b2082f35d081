/// External ids of one kind of record, interned to dense integers in order of first sight.
///
/// Ids are stored back to back in one byte buffer and found through an open-addressing hash
/// table whose slots hold a tag (length and hash bits), the index and the id's first eight
/// bytes, so interning millions of ids makes no `String`, no allocation per id, and one cache
/// miss: an id of at most eight bytes is compared in the slot without reading the buffer (a
/// national export's 30M reactions each look up an advert among 165,000). A match is always
/// confirmed on the id's full length, so two ids are one only when their bytes are equal.
public struct IdTable: Sendable {
    private var bytes: ContiguousArray<UInt8> = []
    private var ends: ContiguousArray<UInt32> = []
    /// Two words per slot: `tag << 32 | (index + 1)` (0 when empty), then the first eight bytes.
    private var slots: ContiguousArray<UInt64> = ContiguousArray(repeating: 0, count: 128)
    private var capacity: Int { slots.count / 2 }

    private let seed: UInt64

    /// An empty table.
    public init() { seed = IdTable.processSeed }

    /// An empty table hashing with a given seed, for tests and fuzzers that need chosen
    /// collisions (a real table's seed is random per process).
    public init(hashSeed: UInt64) { seed = hashSeed }

    /// Number of distinct ids.
    public var count: Int { ends.count }

    /// The index of `key`, adding it when new.
    @inline(__always)
    public mutating func intern(_ key: UnsafeRawBufferPointer) -> (index: Int32, inserted: Bool) {
        let h = hash(key)
        if let found = find(key, hash: h) { return (found, false) }
        let index = Int32(ends.count)
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        insert(hash: h, tag: IdTable.tag(key.count, h), prefix: IdTable.prefix(key), index: index)
        if ends.count * 2 > capacity { grow() }
        return (index, true)
    }

    /// The index of `key`, adding it when new.
    public mutating func intern(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)).index }
    }

    /// Reads the slots where lookups of `keys` start, so that the lookup itself finds it in the
    /// cache: a loop of touches overlaps the cache misses that lookups one by one would wait for.
    /// Returns the slot's word (use it, or the read is optimised away).
    public func touch(_ keys: [UnsafeRawBufferPointer]) -> UInt64 {
        let mask = capacity - 1
        return slots.withUnsafeBufferPointer { slots in
            var sum: UInt64 = 0
            for key in keys { sum &+= slots[2 * (Int(hash(key)) & mask)] }
            return sum
        }
    }

    /// The index of an id, or nil when the table does not hold it.
    public func index(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            return find(raw, hash: hash(raw))
        }
    }

    /// Where the id at `index` lies in ``withBytes(_:)``'s buffer.
    @inline(__always)
    public func byteRange(of index: Int) -> Range<Int> { range(index) }

    /// Calls `body` with the buffer holding every id back to back (see ``byteRange(of:)``).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }

    /// The id at `index`.
    public subscript(index: Int) -> String {
        let range = self.range(index)
        return bytes.withUnsafeBufferPointer { String(decoding: $0[range], as: UTF8.self) }
    }

    /// Appends the bytes of the id at `index` to `buffer`, without making a `String`.
    @inline(__always)
    public func appendBytes(of index: Int, to buffer: inout [UInt8]) {
        let range = self.range(index)
        bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0[range]) }
    }

    /// The ids in byte order, as indices: the canonical order of records.
    public func sortedIndices() -> [Int32] {
        var order = (0..<Int32(count)).map { $0 }
        bytes.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                order.sort { a, b in
                    let sa = a == 0 ? 0 : Int(ends[Int(a) - 1]), sb = b == 0 ? 0 : Int(ends[Int(b) - 1])
                    let la = Int(ends[Int(a)]) - sa, lb = Int(ends[Int(b)]) - sb
                    let n = min(la, lb)
                    var i = 0
                    while i < n {
                        let x = all[sa + i], y = all[sb + i]
                        if x != y { return x < y }
                        i += 1
                    }
                    return la < lb
                }
            }
        }
        return order
    }

    /// A table holding the ids at `order`, in that order.
    public func reordered(_ order: [Int32]) -> IdTable {
        var table = IdTable(hashSeed: seed)
        table.bytes.reserveCapacity(bytes.count)
        table.ends.reserveCapacity(order.count)
        bytes.withUnsafeBytes { all in
            for old in order {
                let r = range(Int(old))
                _ = table.intern(UnsafeRawBufferPointer(rebasing: all[r]))
            }
        }
        return table
    }

    @inline(__always)
    private func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    @inline(__always)
    private func find(_ key: UnsafeRawBufferPointer, hash: UInt32) -> Int32? {
        let mask = capacity - 1
        let tag = IdTable.tag(key.count, hash), prefix = IdTable.prefix(key)
        var slot = Int(hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[2 * slot]
                if entry == 0 { return nil }
                if UInt32(truncatingIfNeeded: entry >> 32) == tag && slots[2 * slot + 1] == prefix {
                    let index = Int(UInt32(truncatingIfNeeded: entry)) - 1
                    // Length (under 255) and first eight bytes agree: the same id unless it is longer.
                    if key.count <= 8 { return Int32(index) }
                    // The tag holds a length only up to 255: the stored id's own length decides,
                    // so an id never matches a longer or shorter one that shares its prefix.
                    let r = range(index)
                    let same = r.count == key.count
                        && bytes.withUnsafeBytes { IdTable.equal($0.baseAddress! + r.lowerBound, key.baseAddress, key.count) }
                    if same { return Int32(index) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private mutating func insert(hash: UInt32, tag: UInt32, prefix: UInt64, index: Int32) {
        let mask = capacity - 1
        var slot = Int(hash) & mask
        while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
        slots[2 * slot] = UInt64(tag) << 32 | UInt64(UInt32(index + 1))
        slots[2 * slot + 1] = prefix
    }

    private mutating func grow() {
        let count = ends.count, stored = bytes
        slots = ContiguousArray(repeating: 0, count: slots.count * 2)
        stored.withUnsafeBytes { all in
            for index in 0..<count {
                let key = UnsafeRawBufferPointer(rebasing: all[range(index)])
                let h = hash(key)
                insert(hash: h, tag: IdTable.tag(key.count, h), prefix: IdTable.prefix(key), index: Int32(index))
            }
        }
    }

    /// The length (to 255) and the hash's top 24 bits; the slot comes from its low bits.
    @inline(__always)
    private static func tag(_ count: Int, _ hash: UInt32) -> UInt32 {
        UInt32(min(count, 255)) << 24 | hash >> 8
    }

    /// The first eight bytes of `key`, zero-padded.
    @inline(__always)
    private static func prefix(_ key: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = key.baseAddress else { return 0 }
        if key.count >= 8 { return base.loadUnaligned(as: UInt64.self) }
        var word: UInt64 = 0
        for i in 0..<key.count { word |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
        return word
    }

    /// Byte equality, eight bytes at a time.
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let b else { return count == 0 }
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }

    /// The seed of every table: chosen at random once per process, so that a file cannot be
    /// made of ids whose hashes collide (each collision costs a probe; a chosen million of them,
    /// a quadratic read). Indices follow the order of first sight, never the hash, so outputs do
    /// not depend on it.
    private static let processSeed = UInt64.random(in: 0...UInt64.max)

    /// A fast multiply-and-fold hash of short ids, eight bytes at a time, keyed by `seed`.
    @inline(__always)
    private func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt64 = seed ^ UInt64(key.count)
        guard let base = key.baseAddress else { return UInt32(truncatingIfNeeded: h) }
        var i = 0
        while i + 8 <= key.count {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

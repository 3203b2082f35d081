/// External ids of one kind of record, interned to dense integers in order of first sight.
///
/// Ids are stored back to back in one byte buffer and found through an open-addressing hash
/// table whose slots hold the hash next to the index, so interning millions of ids makes no
/// `String`, no allocation per id, and usually one cache miss.
public struct IdTable: Sendable {
    private var bytes: ContiguousArray<UInt8> = []
    private var ends: ContiguousArray<UInt32> = []
    /// 0 when empty; else `hash << 32 | (index + 1)`.
    private var slots: ContiguousArray<UInt64> = ContiguousArray(repeating: 0, count: 64)

    /// An empty table.
    public init() {}

    /// Number of distinct ids.
    public var count: Int { ends.count }

    /// The index of `key`, adding it when new.
    @inline(__always)
    public mutating func intern(_ key: UnsafeRawBufferPointer) -> (index: Int32, inserted: Bool) {
        let hash = IdTable.hash(key)
        if let found = find(key, hash: hash) { return (found, false) }
        let index = Int32(ends.count)
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        insert(hash: hash, index: index)
        if ends.count * 2 > slots.count { grow() }
        return (index, true)
    }

    /// The index of `key`, adding it when new.
    public mutating func intern(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)).index }
    }

    /// The index of an id, or nil when the table does not hold it.
    public func index(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { buffer in
            let raw = UnsafeRawBufferPointer(buffer)
            return find(raw, hash: IdTable.hash(raw))
        }
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
        var table = IdTable()
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
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBytes { all in
                while true {
                    let entry = slots[slot]
                    if entry == 0 { return nil }
                    if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                        let index = Int(UInt32(truncatingIfNeeded: entry)) - 1
                        let r = range(index)
                        if r.count == key.count && IdTable.equal(all.baseAddress! + r.lowerBound, key.baseAddress, key.count) {
                            return Int32(index)
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private mutating func insert(hash: UInt32, index: Int32) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = UInt64(hash) << 32 | UInt64(UInt32(index + 1))
    }

    private mutating func grow() {
        let old = slots
        slots = ContiguousArray(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for entry in old where entry != 0 {
            var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
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

    /// A fast multiply-and-fold hash of short ids, eight bytes at a time.
    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
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

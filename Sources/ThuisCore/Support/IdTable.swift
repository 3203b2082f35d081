/// External ids of one kind of record, interned to dense integers in order of first sight.
///
/// Ids are stored back to back in one byte buffer and found through an open-addressing hash
/// table, so interning millions of ids makes no `String` and no allocation per id.
public struct IdTable: Sendable {
    private var bytes: ContiguousArray<UInt8> = []
    private var ends: ContiguousArray<UInt32> = []
    private var slots: ContiguousArray<Int32> = ContiguousArray(repeating: -1, count: 64)
    private var hashes: ContiguousArray<UInt32> = []

    /// An empty table.
    public init() {}

    /// Number of distinct ids.
    public var count: Int { ends.count }

    /// The index of `key`, adding it when new.
    @inline(__always)
    public mutating func intern(_ key: UnsafeRawBufferPointer) -> (index: Int32, inserted: Bool) {
        let hash = IdTable.hash(key)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let found = slots[slot]
            if found < 0 { break }
            if hashes[Int(found)] == hash && equals(Int(found), key) { return (found, false) }
            slot = (slot + 1) & mask
        }
        let index = Int32(ends.count)
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        hashes.append(hash)
        slots[slot] = index
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
        return key.withUTF8 { buffer -> Int32? in
            let raw = UnsafeRawBufferPointer(buffer)
            let hash = IdTable.hash(raw)
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while true {
                let found = slots[slot]
                if found < 0 { return nil }
                if hashes[Int(found)] == hash && equals(Int(found), raw) { return found }
                slot = (slot + 1) & mask
            }
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
            order.sort { a, b in
                let ra = range(Int(a)), rb = range(Int(b))
                return all[ra].lexicographicallyPrecedes(all[rb])
            }
        }
        return order
    }

    /// A table holding the ids at `order`, in that order.
    public func reordered(_ order: [Int32]) -> IdTable {
        var table = IdTable()
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
    private func equals(_ index: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let r = range(index)
        guard r.count == key.count else { return false }
        return bytes.withUnsafeBufferPointer { $0[r].elementsEqual(key) }
    }

    private mutating func grow() {
        var newSlots = ContiguousArray<Int32>(repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for index in 0..<ends.count {
            var slot = Int(hashes[index]) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(index)
        }
        slots = newSlots
    }

    /// FNV-1a, folded to 32 bits: ids are short, so a simple byte loop is enough.
    @inline(__always)
    private static func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// A growable byte buffer for field values, reused for every record: appending costs a copy,
/// never an allocation per value, and no reference counting.
///
/// It holds the root's values and those of the one top-level record being read (each record's
/// values are dropped at its end), and a record holds at most `SAXSession.maxRecordBytes`: so
/// it never grows past a few MiB, and its offsets, kept as `Int32` in the frames, cannot
/// overflow.
final class ByteArena {
    @exclusivity(unchecked) private(set) var base: UnsafeMutableRawPointer
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int = 1 << 12) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        if let source = bytes.baseAddress { (base + count).copyMemory(from: source, byteCount: bytes.count) }
        count += bytes.count
    }

    /// Forgets everything from `mark` on.
    @inline(__always)
    func truncate(to mark: Int) { count = min(count, mark) }

    /// The bytes `start..<start+length`.
    @inline(__always)
    func bytes(_ start: Int, _ length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + start, count: length)
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

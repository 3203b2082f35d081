import ThuisCore

/// Bytes of a text file built without a `String` per field: for CSV files of millions of rows.
///
/// The bytes are in memory of its own, not an array: an array checks that it is not shared
/// at every append, and `candidates.csv` appends a dozen times per row, 29.5 million rows on a
/// national run. Not copyable, so that nothing else can hold that memory.
public struct TextBuffer: ~Copyable, @unchecked Sendable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, as an array.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        let larger = max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    @inline(__always)
    public mutating func appendBytes(_ other: UnsafeRawBufferPointer) {
        guard let source = other.baseAddress else { return }
        reserve(other.count)
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: other.count)
        count += other.count
    }

    @inline(__always)
    public mutating func appendBytes(_ other: [UInt8]) { other.withUnsafeBytes { appendBytes($0) } }

    /// Appends what `other` holds.
    @inline(__always)
    public mutating func append(_ other: borrowing TextBuffer) {
        appendBytes(UnsafeRawBufferPointer(start: other.base, count: other.count))
    }

    @inline(__always)
    public mutating func append(_ s: StaticString) {
        appendBytes(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Text that may need CSV quoting or the formula guard.
    public mutating func field(_ s: String) {
        var text = CSVText.field(s)
        text.withUTF8 { appendBytes(UnsafeRawBufferPointer($0)) }
    }

    /// An id from a table (ids with a comma or quote are quoted, ids that could start a formula
    /// guarded; see ``CSVText``).
    @inline(__always)
    public mutating func id(_ table: IdTable, _ index: Int) {
        let range = table.byteRange(of: index)
        table.withBytes { id(bytes: UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// An id given as its bytes (quoted like ``id(_:_:)`` when it needs to be).
    @inline(__always)
    public mutating func id(bytes id: UnsafeRawBufferPointer) {
        if id.first.map(CSVText.mayStartFormula) == true
            || id.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            field(String(decoding: id, as: UTF8.self))
            return
        }
        reserve(id.count)
        if id.count <= 16 {
            // Ids are short: a byte loop beats a call to memmove per field.
            for (i, byte) in id.enumerated() { base[count + i] = byte }
            count += id.count
        } else {
            appendBytes(id)
        }
    }

    @inline(__always)
    public mutating func int(_ value: Int) {
        if value < 0 {
            byte(UInt8(ascii: "-"))
            int(-value)
            return
        }
        if value < 10 {
            byte(UInt8(48 + value))
            return
        }
        var digits = 0, v = value
        while v > 0 { digits += 1; v /= 10 }
        reserve(digits)
        v = value
        for i in stride(from: count + digits - 1, through: count, by: -1) {
            base[i] = UInt8(48 + v % 10)
            v /= 10
        }
        count += digits
    }

    @inline(__always)
    public mutating func comma() { byte(UInt8(ascii: ",")) }

    @inline(__always)
    public mutating func newline() { byte(0x0A) }

    @inline(__always)
    private mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }
}

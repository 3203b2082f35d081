import ThuisCore

/// Bytes of a text file built without a `String` per field: for CSV files of millions of rows.
public struct TextBuffer: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    public mutating func append(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Text that may need CSV quoting or the formula guard.
    public mutating func field(_ s: String) {
        bytes.append(contentsOf: CSVText.field(s).utf8)
    }

    /// An id from a table (ids with a comma or quote are quoted, ids that could start a formula
    /// guarded; see ``CSVText``).
    @inline(__always)
    public mutating func id(_ table: IdTable, _ index: Int) {
        let start = bytes.count
        table.appendBytes(of: index, to: &bytes)
        if start < bytes.count && CSVText.mayStartFormula(bytes[start])
            || bytes[start...].contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            let text = String(decoding: bytes[start...], as: UTF8.self)
            bytes.removeSubrange(start...)
            field(text)
        }
    }

    /// An id given as its bytes (quoted like ``id(_:_:)`` when it needs to be).
    @inline(__always)
    public mutating func id(bytes id: UnsafeRawBufferPointer) {
        let start = bytes.count
        if id.count <= 16 {
            // Ids are short: a byte loop beats a call to memmove per field.
            for byte in id { bytes.append(byte) }
        } else {
            bytes.append(contentsOf: id)
        }
        if id.first.map(CSVText.mayStartFormula) == true
            || id.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            let text = String(decoding: bytes[start...], as: UTF8.self)
            bytes.removeSubrange(start...)
            field(text)
        }
    }

    @inline(__always)
    public mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            int(-value)
            return
        }
        if value < 10 {
            bytes.append(UInt8(48 + value))
            return
        }
        var count = 0, v = value
        while v > 0 { count += 1; v /= 10 }
        let end = bytes.count + count
        bytes.append(contentsOf: repeatElement(0, count: count))
        v = value
        for i in stride(from: end - 1, through: end - count, by: -1) {
            bytes[i] = UInt8(48 + v % 10)
            v /= 10
        }
    }

    @inline(__always)
    public mutating func appendBytes(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    @inline(__always)
    public mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    @inline(__always)
    public mutating func newline() { bytes.append(0x0A) }
}

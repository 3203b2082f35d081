import ThuisCore

/// The values of one open record's fields, read in place from the arena.
struct FieldView {
    let base: UnsafeRawPointer
    let header: FrameStack.Header
    let starts: UnsafeMutablePointer<Int32>
    let lengths: UnsafeMutablePointer<Int32>
    let lines: UnsafeMutablePointer<Int32>
    let columns: UnsafeMutablePointer<Int32>

    @inline(__always)
    init(arena: ByteArena, frames: FrameStack, frame: Int) {
        base = UnsafeRawPointer(arena.base)
        header = frames.headers[frame]
        let offset = frame * frames.stride
        starts = frames.valueStart + offset
        lengths = frames.valueLength + offset
        lines = frames.valueLine + offset
        columns = frames.valueColumn + offset
    }

    /// The record's type.
    var type: RecordType { header.type }

    /// The trimmed value of `field`, or nil when absent or empty.
    @inline(__always)
    func value(_ field: Int) -> UnsafeRawBufferPointer? {
        let start = Int(starts[field])
        guard start >= 0 else { return nil }
        let v = FieldBytes.trimmed(UnsafeRawBufferPointer(start: base + start, count: Int(lengths[field])))
        return v.isEmpty ? nil : v
    }

    /// The value as text (for ids and free codes).
    func text(_ field: Int) -> String? { value(field).map { String(decoding: $0, as: UTF8.self) } }

    /// Where the field was given: its element, or the record's start tag for an attribute.
    func position(_ field: Int?) -> (Int, Int) {
        if let field, lines[field] > 0 { return (Int(lines[field]), Int(columns[field])) }
        return (Int(header.line), Int(header.column))
    }

    /// The values of repeatable field `field`, trimmed, empty ones left out.
    func list(_ entries: [(field: Int32, start: Int32, length: Int32)], _ field: Int) -> [UnsafeRawBufferPointer] {
        entries.compactMap { entry in
            guard entry.field == field else { return nil }
            let v = FieldBytes.trimmed(UnsafeRawBufferPointer(start: base + Int(entry.start), count: Int(entry.length)))
            return v.isEmpty ? nil : v
        }
    }
}

/// The values of one record's fields, read from the session's arena.
struct FieldView {
    let arena: UnsafeRawBufferPointer
    let frame: Frame

    /// The trimmed value of `field`, or nil when absent or empty.
    @inline(__always)
    func value(_ field: Int) -> UnsafeRawBufferPointer? {
        let start = Int(frame.valueStart[field])
        guard start >= 0 else { return nil }
        let v = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: arena[start..<(start + Int(frame.valueLength[field]))]))
        return v.isEmpty ? nil : v
    }

    /// The values of the repeatable field, trimmed, empty ones left out.
    func list() -> [UnsafeRawBufferPointer] {
        frame.list.compactMap { start, length in
            let v = FieldBytes.trimmed(UnsafeRawBufferPointer(rebasing: arena[Int(start)..<Int(start + length)]))
            return v.isEmpty ? nil : v
        }
    }

    /// The value as text (for ids and free codes).
    func text(_ field: Int) -> String? { value(field).map { String(decoding: $0, as: UTF8.self) } }

    /// Where the field was given: its element, or the record's start tag for an attribute.
    func position(_ field: Int?) -> (Int, Int) {
        if let field, frame.valueLine[field] > 0 {
            return (Int(frame.valueLine[field]), Int(frame.valueColumn[field]))
        }
        return (Int(frame.line), Int(frame.column))
    }
}

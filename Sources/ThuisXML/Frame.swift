import ThuisCore

/// A record element being read: where it started and where each field's value sits in the
/// session's byte arena.
struct Frame {
    var type = RecordType.root
    var line: Int32 = 0
    var column: Int32 = 0
    /// Arena length when the record started; the arena returns to it when the record ends.
    var arenaMark = 0
    var valueStart = [Int32](repeating: -1, count: RecordType.maxFields)
    var valueLength = [Int32](repeating: 0, count: RecordType.maxFields)
    /// Line and column of a field given as a child element; 0 for attributes.
    var valueLine = [Int32](repeating: 0, count: RecordType.maxFields)
    var valueColumn = [Int32](repeating: 0, count: RecordType.maxFields)
    /// Values of the repeatable field, as (start, length) in the arena.
    var list: [(Int32, Int32)] = []
    /// The first problem met while reading the element itself (e.g. a repeated field).
    var problem: (DiagnosticCode, String)?

    mutating func reset(_ type: RecordType, line: Int32, column: Int32, arenaMark: Int) {
        self.type = type
        self.line = line
        self.column = column
        self.arenaMark = arenaMark
        for i in 0..<type.fieldCount { valueStart[i] = -1 }
        list.removeAll(keepingCapacity: true)
        problem = nil
    }
}

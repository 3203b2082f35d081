import ThuisCore

/// The record elements open at the moment, innermost last, with where each field's value sits
/// in the ``ByteArena``. Plain memory, sized once for the deepest allowed nesting, so pushing
/// and popping a record costs no allocation and no reference counting.
final class FrameStack {
    /// The fixed part of an open record.
    struct Header {
        var type = RecordType.root
        var line: Int32 = 0
        var column: Int32 = 0
        /// Arena length when the record started; the arena returns to it when the record ends.
        var arenaMark = 0
        var hasProblem = false
    }

    let capacity: Int
    let stride = RecordType.maxFields
    @exclusivity(unchecked) private(set) var count = 0
    let headers: UnsafeMutablePointer<Header>
    /// Per frame and field: arena offset of the value, or -1 when absent.
    let valueStart: UnsafeMutablePointer<Int32>
    let valueLength: UnsafeMutablePointer<Int32>
    /// Per frame and field: line and column of a field given as a child element; 0 for attributes.
    let valueLine: UnsafeMutablePointer<Int32>
    let valueColumn: UnsafeMutablePointer<Int32>
    /// Values of the repeatable fields (a Voorrangsregeling's `gemeente`, `stadsdeel`, `wijk`,
    /// `buurt`), as (field, start, length), in document order.
    @exclusivity(unchecked) var list: [(field: Int32, start: Int32, length: Int32)] = []
    /// The first problem met in the element itself (e.g. a repeated field), per frame.
    @exclusivity(unchecked) var problems: [(DiagnosticCode, String)?]

    init(capacity: Int) {
        self.capacity = capacity
        headers = .allocate(capacity: capacity)
        headers.initialize(repeating: Header(), count: capacity)
        let slots = capacity * RecordType.maxFields
        valueStart = .allocate(capacity: slots)
        valueStart.initialize(repeating: -1, count: slots)
        valueLength = .allocate(capacity: slots)
        valueLength.initialize(repeating: 0, count: slots)
        valueLine = .allocate(capacity: slots)
        valueLine.initialize(repeating: 0, count: slots)
        valueColumn = .allocate(capacity: slots)
        valueColumn.initialize(repeating: 0, count: slots)
        problems = Array(repeating: nil, count: capacity)
    }

    deinit {
        headers.deallocate()
        valueStart.deallocate()
        valueLength.deallocate()
        valueLine.deallocate()
        valueColumn.deallocate()
    }

    /// Opens a record; returns its frame index.
    @inline(__always)
    func push(_ type: RecordType, line: Int32, column: Int32, arenaMark: Int) -> Int {
        let f = count
        headers[f] = Header(type: type, line: line, column: column, arenaMark: arenaMark, hasProblem: false)
        let slots = valueStart + f * stride
        for i in 0..<type.fieldCount { slots[i] = -1 }
        if type.hasRepeatable { list.removeAll(keepingCapacity: true) }
        count += 1
        return f
    }

    /// Closes the innermost record; returns its frame index (valid until the next push).
    @inline(__always)
    func pop() -> Int {
        count -= 1
        return count
    }

    /// Index of the innermost open record.
    var top: Int { count - 1 }

    @inline(__always)
    func slot(_ frame: Int, _ field: Int) -> Int { frame * stride + field }

    /// Records a problem of the element itself; false when it already had one.
    func setProblem(_ frame: Int, _ problem: (DiagnosticCode, String)) -> Bool {
        guard !headers[frame].hasProblem else { return false }
        headers[frame].hasProblem = true
        problems[frame] = problem
        return true
    }

    func problem(_ frame: Int) -> (DiagnosticCode, String)? {
        headers[frame].hasProblem ? problems[frame] : nil
    }
}

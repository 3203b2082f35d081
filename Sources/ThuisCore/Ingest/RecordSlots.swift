/// The ids of one kind of record and where each was defined.
///
/// References intern ids as they are met, possibly before the record that defines them
/// (forward references); a slot whose id is never defined is reported after reading.
struct RecordSlots {
    var ids = IdTable()
    /// Slot to the index of its (first) definition, or -1.
    var definition: ContiguousArray<Int32> = []
    /// Per definition: the slot it defines.
    var slot: ContiguousArray<Int32> = []
    /// Per definition: where it starts.
    var file: ContiguousArray<Int32> = []
    var line: ContiguousArray<Int32> = []
    var column: ContiguousArray<Int32> = []
    /// Per definition: the first reason it is invalid, if any.
    var rejection: [Int32: (DiagnosticCode, String)] = [:]

    /// The slot of an id, new when first seen.
    @inline(__always)
    mutating func reference(_ key: UnsafeRawBufferPointer) -> Int32 {
        let (index, inserted) = ids.intern(key)
        if inserted { definition.append(-1) }
        return index
    }

    /// Records a definition of `slotIndex`; returns its definition index and the earlier
    /// definition when the id was already defined.
    mutating func define(_ slotIndex: Int32, file f: Int, line l: Int, column c: Int) -> (Int32, Int32?) {
        let def = Int32(slot.count)
        slot.append(slotIndex)
        file.append(Int32(f))
        line.append(Int32(l))
        column.append(Int32(c))
        let earlier = definition[Int(slotIndex)]
        if earlier < 0 { definition[Int(slotIndex)] = def }
        return (def, earlier < 0 ? nil : earlier)
    }

    /// Number of definitions read.
    var count: Int { slot.count }

    /// The definition of a slot that is defined and not rejected, or nil.
    @inline(__always)
    func validDefinition(_ s: Int32) -> Int32? {
        guard s >= 0 else { return nil }
        let d = definition[Int(s)]
        return d >= 0 && (rejection.isEmpty || rejection[d] == nil) ? d : nil
    }

    func isDefined(_ s: Int32) -> Bool { s >= 0 && definition[Int(s)] >= 0 }

    mutating func reject(_ def: Int32, _ code: DiagnosticCode, _ reason: String) {
        if rejection[def] == nil { rejection[def] = (code, reason) }
    }
}

import CLibXML2

/// What a recorder keeps while it parses one part of a file: the events, the elements open at
/// the part's end, and whether anything in the part was irregular.
///
/// A part after the first is parsed as a document of its own: a line of start tags opens the
/// elements the part is read inside (the root and perhaps a section such as `<Eenheden>`), then
/// come the part's bytes, then end tags close what is open after them. Those synthetic tags'
/// events are left out, so the parts' events, replayed in order, are the file's.
final class PartRecording {
    /// The events recorded, in batches.
    var batches: [EventBatch] = []
    /// Empty batches to record into.
    let spares: BatchPool
    /// Set when the part holds anything that would give a diagnostic, or cannot be checked.
    var irregular = false
    /// While the closing tags after the part's bytes are parsed.
    var inTail = false
    /// The line libxml2 stood on in the closing tags.
    var tailLine = 0
    /// Start tags still to leave out (the opening line).
    private var syntheticStarts: Int
    /// The names of the two outermost open elements.
    private(set) var outer: (UnsafePointer<xmlChar>?, UnsafePointer<xmlChar>?) = (nil, nil)

    init(opening: Int, spares: BatchPool) {
        syntheticStarts = opening
        self.spares = spares
    }

    /// Notes a start tag at `depth`; true when it is one of the opening line's, to be left out.
    @inline(__always)
    func opened(_ name: UnsafePointer<xmlChar>?, depth: Int) -> Bool {
        if depth == 1 { outer.0 = name } else if depth == 2 { outer.1 = name }
        guard syntheticStarts > 0 else { return false }
        syntheticStarts -= 1
        return true
    }
}

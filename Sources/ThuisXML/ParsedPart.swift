import CLibXML2

/// One part, parsed: its events and what the next part must be read inside.
struct ParsedPart: @unchecked Sendable {
    var batches: [EventBatch] = []
    /// The elements open after the part (outermost first); nil for the last part.
    var context: [String]?
    /// Lines the part spans (newlines as libxml2 counts them).
    var lines = 0
    /// The dictionary of the part's own names, alive until its events are replayed.
    var dictionary: xmlDictPtr?
    /// Set when the part cannot be used: the file is read again with one parser.
    var irregular = false
    /// The encoding the first part's declaration names.
    var declaredEncoding: String?
}

/// The CSV text of a value that repeats on millions of rows (a group list, an outcome), made
/// once per distinct value; the last value is checked first, as neighbouring rows often share it.
struct FieldCache<Key: Hashable> {
    private var cache: [Key: [UInt8]] = [:]
    /// The field appended last: rows in a run often repeat it.
    private var lastKey: Key?
    private var lastBytes: [UInt8] = []

    /// Appends the field of `key` to `out`, made by `text` the first time it is needed. Inlined:
    /// a call would copy what `text` captures (the allocation's columns) at every row.
    @inline(__always)
    mutating func append(_ key: Key, to out: inout TextBuffer, _ text: () -> String) {
        if lastKey != key {
            if let known = cache[key] { lastBytes = known } else { remember(key, text()) }
            lastKey = key
        }
        lastBytes.withUnsafeBytes { out.appendBytes($0) }
    }

    private mutating func remember(_ key: Key, _ text: String) {
        lastBytes = Array(CSVText.field(text).utf8)
        cache[key] = lastBytes
    }
}

/// The CSV text of a value that repeats on millions of rows (a group list, an outcome), made
/// once per distinct value; the last value is checked first, as neighbouring rows often share it.
struct FieldCache<Key: Hashable> {
    private var cache: [Key: [UInt8]] = [:]
    private var last: (key: Key, bytes: [UInt8])?

    mutating func field(_ key: Key, _ text: () -> String) -> [UInt8] {
        if let last, last.key == key { return last.bytes }
        let bytes: [UInt8]
        if let known = cache[key] {
            bytes = known
        } else {
            bytes = Array(CSVText.field(text()).utf8)
            cache[key] = bytes
        }
        last = (key, bytes)
        return bytes
    }
}

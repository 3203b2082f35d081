/// Counts the lines of a file's bytes (its newline characters), so a manifest can say how many
/// each file had and `thuis verify` can tell a deleted or added row from the run's own count.
///
/// Written out rather than a byte loop for speed: it runs over every byte Thuis writes (a
/// national candidates.csv is 1.5 GB), eight bytes at a time.
enum LineCount {
    /// The newlines in `bytes`.
    static func newlines(_ bytes: UnsafeRawBufferPointer) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let newline = ones &* 0x0A
        var count = 0, i = 0
        let n = bytes.count
        while i + 8 <= n {
            // A byte of x is zero exactly where the word holds a newline; this sets its high bit
            // there and nowhere else (the low seven bits are added without carries between bytes).
            let x = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ newline
            let zero = ~(((x & ~highs) &+ ~highs) | x) & highs
            count += zero.nonzeroBitCount
            i += 8
        }
        while i < n {
            if bytes[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    static func newlines(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { newlines($0) }
    }
}

import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Finds stretches of the input without a `<`: a start tag cannot hold one (nor can an attribute
/// value), so a start tag is never longer than the stretch from its `<` to the next. A stretch
/// over ``limit`` is therefore a value or a start tag beyond the 64 KiB Thuis allows, and is
/// refused before libxml2 reads it: libxml2 2.9 checks an element's attributes pairwise, and
/// 200,000 attributes on one element took 30 s.
///
/// Two `memchr` calls per chunk and one per 80 KiB inside it, so it costs nothing measurable:
/// stretches across chunks are measured exactly, stretches inside a chunk by checking each
/// aligned 80 KiB block for a `<` (any stretch of 160 KiB holds such a block).
struct MarkupGap {
    /// Longer than any value (64 KiB) with the markup around it.
    static let limit = 80 * 1024

    /// Bytes since the last `<` before the current chunk.
    private var carry = 0

    /// Reads a chunk; where a stretch over the limit is found, the offset in the chunk from which
    /// it is known (0 when it began in an earlier chunk).
    mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Int? {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return nil }
        let n = chunk.count, lt = Int32(UInt8(ascii: "<"))
        guard let firstPointer = memchr(base, lt, n) else {
            carry += n
            return carry > MarkupGap.limit ? 0 : nil
        }
        let first = base.distance(to: UnsafeRawPointer(firstPointer))
        if carry + first > MarkupGap.limit { return 0 }
        let last = base.distance(to: UnsafeRawPointer(thuis_last_byte(base.assumingMemoryBound(to: xmlChar.self), lt, n)!))
        var block = (first / MarkupGap.limit + 1) * MarkupGap.limit
        while block + MarkupGap.limit <= last {
            if memchr(base + block, lt, MarkupGap.limit) == nil { return block }
            block += MarkupGap.limit
        }
        carry = n - last - 1
        return carry > MarkupGap.limit ? last : nil
    }
}

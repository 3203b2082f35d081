/// Parsing of field values straight from the parser's bytes: no `String` per value.
package enum FieldBytes {
    /// The bytes without leading and trailing XML whitespace.
    @inline(__always)
    package static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = b.count
        while start < end, isSpace(b[start]) { start += 1 }
        while end > start, isSpace(b[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: b[start..<end])
    }

    @inline(__always)
    package static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// A whole number with an optional sign, or nil.
    @inline(__always)
    package static func integer(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 0, negative = false
        if b.count > 0, b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") {
            negative = b[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < b.count, b.count - i <= 18 else { return nil }
        var v: Int64 = 0
        while i < b.count {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
            i += 1
        }
        return negative ? -v : v
    }

    /// The largest amount a field may hold, in hundredths: 1,000,000,000.00. Far above any rent
    /// or income, and small enough that sums over a household's members stay exact in 64 bits.
    package static let maximumHundredths: Int64 = 100_000_000_000

    /// A decimal with at most two digits after the point, in hundredths (`682.96` -> 68296); nil
    /// when it is not one. A number too large for 64 bits comes back as ±`Int64.max`, so the
    /// caller reports it as out of range rather than malformed.
    package static func hundredths(_ b: UnsafeRawBufferPointer) -> Int64? {
        let dot = b.firstIndex(of: UInt8(ascii: "."))
        let whole = UnsafeRawBufferPointer(rebasing: b[0..<(dot ?? b.count)])
        guard whole.count > 0, let w = integer(whole) else { return nil }
        var cents: Int64 = 0
        if let dot {
            let fraction = UnsafeRawBufferPointer(rebasing: b[(dot + 1)...])
            guard (1...2).contains(fraction.count), fraction[0] != UInt8(ascii: "-"), fraction[0] != UInt8(ascii: "+"),
                  let f = integer(fraction) else { return nil }
            cents = fraction.count == 1 ? f * 10 : f
        }
        let negative = whole[0] == UInt8(ascii: "-")
        // |w| has at most 18 digits (integer() refuses more), so only the scaling can overflow.
        let (scaled, overflow) = w.magnitude.multipliedReportingOverflow(by: 100)
        guard !overflow, scaled <= UInt64(Int64.max) - 99 else { return negative ? -Int64.max : Int64.max }
        let magnitude = Int64(scaled) + cents
        return negative ? -magnitude : magnitude
    }

    /// A date `YYYY-MM-DD`, through a small cache: exports repeat a few hundred dates millions of times.
    @inline(__always)
    package static func day(_ b: UnsafeRawBufferPointer, cache: inout DateCache) -> Day? {
        guard b.count == 10 else { return nil }
        let head = b.loadUnaligned(as: UInt64.self), tail = b.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let mixed = (head ^ UInt64(tail) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        let slot = Int(truncatingIfNeeded: mixed >> 54)
        if cache.head[slot] == head && cache.tail[slot] == tail { return cache.days[slot] }
        guard let day = Day(isoBytes: b) else { return nil }
        cache.head[slot] = head
        cache.tail[slot] = tail
        cache.days[slot] = day
        return day
    }

    /// A CBS municipality code, `0363` or `GM0363`, as its four digits; nil otherwise.
    package static func municipality(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        var digits = b
        if b.count == 6, b[0] == UInt8(ascii: "G") || b[0] == UInt8(ascii: "g"),
           b[1] == UInt8(ascii: "M") || b[1] == UInt8(ascii: "m") {
            digits = UnsafeRawBufferPointer(rebasing: b[2...])
        }
        guard digits.count == 4, digits.allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        return digits
    }

    /// The longest id Thuis accepts, in bytes: far above any system's keys (VERA ids are short
    /// codes or UUIDs), and short enough that a hostile file cannot make ids the bulk of memory.
    package static let maximumIDBytes = 256

    /// Why `b` cannot be an id (or a code that names a record: corporation, reserve label,
    /// region), or nil when it can: 1 to ``maximumIDBytes`` bytes of UTF-8 without control
    /// characters (C0, DEL, C1), noncharacters (U+FDD0...U+FDEF, U+xFFFE, U+xFFFF), line or
    /// paragraph separators, or bidirectional controls. These would make `toewijzingen.xml`
    /// ill-formed, split a CSV line, or show a different id than the one stored. The readers
    /// give valid UTF-8, so the scan only looks at the code points that are refused.
    package static func idProblem(_ b: UnsafeRawBufferPointer) -> (code: DiagnosticCode, reason: String)? {
        if b.count > maximumIDBytes {
            return (.valueTooLong, "is \(b.count) bytes long; an id has at most \(maximumIDBytes)")
        }
        // Every reaction names two ids: the common printable ASCII is passed eight bytes at a time.
        if isPrintableASCII(b) { return nil }
        // The readers give valid UTF-8; a percent-decoded URI segment need not be.
        if b.contains(where: { $0 >= 0x80 }), String(validating: b, as: UTF8.self) == nil {
            return (.invalidEncoding, "is not valid UTF-8")
        }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                if c < 0x20 || c == 0x7F { return (.invalidValue, refused(b, i, 1, "a control character")) }
                i += 1
            } else if c < 0xE0 {
                // C1 controls are U+0080...U+009F: C2 80...C2 9F.
                if c == 0xC2, i + 1 < b.count, b[i + 1] < 0xA0 { return (.invalidValue, refused(b, i, 2, "a control character")) }
                i += 2
            } else if c < 0xF0 {
                guard i + 2 < b.count else { break }
                let point = Int(c & 0x0F) << 12 | Int(b[i + 1] & 0x3F) << 6 | Int(b[i + 2] & 0x3F)
                switch point {
                case 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: return (.invalidValue, refused(b, i, 3, "a noncharacter"))
                case 0x2028, 0x2029: return (.invalidValue, refused(b, i, 3, "a line separator"))
                case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F:
                    return (.invalidValue, refused(b, i, 3, "a bidirectional control"))
                default: i += 3
                }
            } else {
                if i + 3 < b.count, b[i + 1] & 0x0F == 0x0F, b[i + 2] == 0xBF, b[i + 3] & 0x3E == 0x3E {
                    return (.invalidValue, refused(b, i, 4, "a noncharacter"))
                }
                i += 4
            }
        }
        return nil
    }

    /// Whether every byte of `b` is printable ASCII (0x20...0x7E).
    @inline(__always)
    package static func isPrintableASCII(_ b: UnsafeRawBufferPointer) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= b.count {
            let x = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // High bit set in a byte of the result where it is >= 0x80, < 0x20 or 0x7F (exact
            // as a test for any such byte: the borrows only start at a byte that is one).
            let del = x ^ (ones &* 0x7F)
            if (x | ((x &- ones &* 0x20) & ~x) | ((del &- ones) & ~del)) & highs != 0 { return false }
            i += 8
        }
        while i < b.count {
            let c = b[i]
            if c < 0x20 || c >= 0x7F { return false }
            i += 1
        }
        return true
    }

    private static func refused(_ b: UnsafeRawBufferPointer, _ at: Int, _ length: Int, _ what: String) -> String {
        let point = String(decoding: b[at..<min(b.count, at + length)], as: UTF8.self).unicodeScalars.first?.value ?? 0
        let digits = String(point, radix: 16, uppercase: true)
        let hex = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return "holds \(what) (\(hex)) at byte \(at + 1); an id is printable text"
    }

    /// The bytes as text, for messages (invalid UTF-8 is repaired, long values shortened).
    package static func text(_ b: UnsafeRawBufferPointer) -> String {
        let limit = 60
        let s = String(decoding: b.prefix(limit), as: UTF8.self)
        return b.count > limit ? s + "..." : s
    }
}

/// Recently parsed dates, direct-mapped by their bytes.
package struct DateCache {
    package init() {}
    /// 1024 slots: the top ten bits of the mixed key.
    package var head = [UInt64](repeating: 0, count: 1024)
    package var tail = [UInt16](repeating: 0, count: 1024)
    package var days = [Day](repeating: Day(rawValue: 0), count: 1024)
}

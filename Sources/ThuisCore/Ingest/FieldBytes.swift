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

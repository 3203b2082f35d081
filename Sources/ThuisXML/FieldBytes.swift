import ThuisCore

/// Parsing of field values straight from the parser's bytes: no `String` per value.
enum FieldBytes {
    /// The bytes without leading and trailing XML whitespace.
    @inline(__always)
    static func trimmed(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = b.count
        while start < end, isSpace(b[start]) { start += 1 }
        while end > start, isSpace(b[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: b[start..<end])
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// A whole number with an optional sign, or nil.
    @inline(__always)
    static func integer(_ b: UnsafeRawBufferPointer) -> Int64? {
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

    /// A decimal with at most two digits after the point, in hundredths (`682.96` -> 68296).
    static func hundredths(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard let dot = b.firstIndex(of: UInt8(ascii: ".")) else {
            return integer(b).flatMap { $0.multipliedReportingOverflow(by: 100).overflow ? nil : $0 * 100 }
        }
        let whole = UnsafeRawBufferPointer(rebasing: b[0..<dot])
        let fraction = UnsafeRawBufferPointer(rebasing: b[(dot + 1)...])
        guard (1...2).contains(fraction.count), whole.count > 0,
              let w = integer(whole), let f = integer(fraction), fraction[0] != UInt8(ascii: "-"),
              fraction[0] != UInt8(ascii: "+") else { return nil }
        let negative = whole[0] == UInt8(ascii: "-")
        let cents = fraction.count == 1 ? f * 10 : f
        let magnitude = abs(w) * 100 + cents
        return negative ? -magnitude : magnitude
    }

    /// A CBS municipality code, `0363` or `GM0363`, as its four digits; nil otherwise.
    static func municipality(_ b: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        var digits = b
        if b.count == 6, b[0] == UInt8(ascii: "G") || b[0] == UInt8(ascii: "g"),
           b[1] == UInt8(ascii: "M") || b[1] == UInt8(ascii: "m") {
            digits = UnsafeRawBufferPointer(rebasing: b[2...])
        }
        guard digits.count == 4, digits.allSatisfy({ $0 &- 48 < 10 }) else { return nil }
        return digits
    }

    /// The bytes as text, for messages (invalid UTF-8 is repaired, long values shortened).
    static func text(_ b: UnsafeRawBufferPointer) -> String {
        let limit = 60
        let s = String(decoding: b.prefix(limit), as: UTF8.self)
        return b.count > limit ? s + "..." : s
    }
}

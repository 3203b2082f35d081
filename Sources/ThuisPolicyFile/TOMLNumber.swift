/// TOML 1.0's numbers, checked to the letter: underscores only between digits, no leading
/// zeros, digits on both sides of a decimal point, `0x`/`0o`/`0b` integers, `inf` and `nan`.
enum TOMLNumber {
    enum Parsed { case integer(Int64), float(Double), invalid(String) }

    static let timesUnsupported = "date-times and times are not supported in policy files (dates are: YYYY-MM-DD)"

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) }

    static func parse(_ token: String) -> Parsed {
        let b = Array(token.utf8)
        if b.count >= 3, b[0] == UInt8(ascii: "0"), let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][b[1]] {
            let body = Array(b[2...])
            guard digits(body, radix: radix) else { return .invalid("is not a TOML integer (base \(radix))") }
            guard let n = Int64(String(decoding: body.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix) else {
                return .invalid("is beyond a 64-bit integer")
            }
            return .integer(n)
        }
        var rest = b[...]
        let negative = rest.first == UInt8(ascii: "-")
        if rest.first == UInt8(ascii: "+") || negative { rest = rest.dropFirst() }
        if rest.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if rest.elementsEqual("nan".utf8) { return .float(.nan) }
        if b.contains(where: { $0 == UInt8(ascii: ":") }) || (b.count >= 10 && b[4] == UInt8(ascii: "-") && isDigit(b[0])) {
            return .invalid("is a date-time or time: \(timesUnsupported)")
        }
        // Split into whole part, fraction and exponent.
        let exponentAt = rest.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = exponentAt.map { rest[..<$0] } ?? rest
        let dotAt = mantissa.firstIndex(of: UInt8(ascii: "."))
        let whole = Array(dotAt.map { mantissa[..<$0] } ?? mantissa)
        guard digits(whole, radix: 10), whole.first != UInt8(ascii: "0") || whole.count == 1 else {
            return .invalid(whole.isEmpty ? "is not a TOML value (strings need quotes)" : "is not a TOML number (no leading zeros; _ only between digits)")
        }
        if let dotAt {
            guard digits(Array(mantissa[mantissa.index(after: dotAt)...]), radix: 10) else {
                return .invalid("is not a TOML float (digits on both sides of the point)")
            }
        }
        if let exponentAt {
            var exponent = rest[rest.index(after: exponentAt)...]
            if exponent.first == UInt8(ascii: "+") || exponent.first == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
            guard digits(Array(exponent), radix: 10) else { return .invalid("is not a TOML float (a whole exponent after e)") }
        }
        let plain = String(decoding: b.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if dotAt == nil && exponentAt == nil {
            guard let n = Int64(plain) else { return .invalid("is beyond a 64-bit integer") }
            return .integer(n)
        }
        guard let d = Double(plain), d.isFinite else { return .invalid("is not a finite float") }
        return .float(d)
    }

    /// Digits of `radix`, with single underscores between digits only.
    static func digits(_ b: [UInt8], radix: Int) -> Bool {
        guard let first = b.first, let last = b.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return false }
        var previousUnderscore = false
        for c in b {
            if c == UInt8(ascii: "_") {
                if previousUnderscore { return false }
                previousUnderscore = true
                continue
            }
            previousUnderscore = false
            let ok = radix == 16 ? isHexDigit(c) : isDigit(c) && Int(c - 0x30) < radix
            if !ok { return false }
        }
        return true
    }
}

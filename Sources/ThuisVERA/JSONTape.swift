import ThuisCore

/// One JSON value (a VERA object of a page) parsed into a flat list of nodes, each with its
/// line and column, without a `String` or an allocation per value.
///
/// Written by hand rather than with Foundation's `JSONSerialization` for three reasons: errors
/// need the line and column of the value, pages are read record by record without holding the
/// file, and every value must stay within bounds an untrusted export cannot push the process past
/// (depth, string length, record size; see ``JSONLimits``). JSONTestSuite is not available
/// offline here: `JSONGrammarTests` holds cases in its manner (accepted ones checked against
/// Foundation's parser), the diagnostics tests its errors, and `Fuzz/FuzzVERA` fuzzes it.
///
/// Layout: a node's subtree is the nodes `index..<end`. An object's children alternate key,
/// value; an array's children are its items. Strings without escapes point into the input;
/// strings with escapes are decoded into ``scratch``.
struct JSONTape {
    enum Kind: UInt8 { case object, array, string, number, bool, null, key }

    struct Node {
        var kind: Kind
        /// For strings and keys: the bytes live in ``JSONTape/scratch``; for bools: `true`.
        var flag: Bool
        /// Offset of the bytes (strings, keys, numbers) in the input or in the scratch bytes.
        var start: Int32
        var count: Int32
        /// The index after this node's subtree.
        var end: Int32
        var line: Int32
        var column: Int32
    }

    var nodes: [Node] = []
    var scratch: [UInt8] = []

    mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
    }
}

/// The bounds every JSON value is held to.
enum JSONLimits {
    /// Nesting of objects and arrays: VERA's deepest path Thuis reads is 6.
    static let depth = 64
    /// A string's bytes, as for XML values.
    static let stringBytes = 1 << 16
    /// One record (an item of a page) with everything in it.
    static let recordBytes = 4 << 20
    /// A number literal's characters.
    static let numberBytes = 64
}

/// A problem that stops the parse of a record, located.
struct JSONFailure: Error {
    var code: DiagnosticCode
    var message: String
    var line: Int
    var column: Int
    /// The input ended inside the value: more bytes may complete it.
    var needsMore = false
}

/// Parses one value from `input[position...]` into a tape. Newlines may only occur between
/// tokens in JSON, so the line count is kept while skipping whitespace.
struct JSONScanner {
    let input: UnsafeRawBufferPointer
    var position: Int
    var line: Int
    /// Offset of the first byte of the current line (may be negative after the buffer moved).
    var lineStart: Int
    /// Added to the offsets of strings and numbers in the input that the nodes record: where the
    /// caller will have the item's bytes (0: where they are now).
    var shift = 0

    init(_ input: UnsafeRawBufferPointer, position: Int, line: Int, lineStart: Int) {
        self.input = input
        self.position = position
        self.line = line
        self.lineStart = lineStart
    }

    var column: Int { position - lineStart + 1 }

    func failure(_ code: DiagnosticCode, _ message: String, at offset: Int? = nil) -> JSONFailure {
        JSONFailure(code: code, message: message, line: line, column: (offset ?? position) - lineStart + 1)
    }

    func needMore() -> JSONFailure {
        var f = failure(.truncated, "the file ends inside a value")
        f.needsMore = true
        return f
    }

    mutating func skipSpace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = position
            default: return
            }
        }
    }

    /// The next byte after whitespace, or nil at the end of the input.
    mutating func peek() -> UInt8? {
        skipSpace()
        return position < input.count ? input[position] : nil
    }

    /// Parses one value and everything in it.
    mutating func value(into tape: inout JSONTape, depth: Int = 0) throws(JSONFailure) {
        guard let c = peek() else { throw needMore() }
        let index = tape.nodes.count
        let (nodeLine, nodeColumn) = (Int32(clamping: line), Int32(clamping: column))
        func add(_ kind: JSONTape.Kind, flag: Bool = false, start: Int = 0, count: Int = 0) {
            tape.nodes.append(JSONTape.Node(kind: kind, flag: flag, start: Int32(truncatingIfNeeded: start),
                                            count: Int32(truncatingIfNeeded: count), end: Int32(tape.nodes.count + 1),
                                            line: nodeLine, column: nodeColumn))
        }
        switch c {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < JSONLimits.depth else {
                throw failure(.tooDeep, "objects and arrays are nested more than \(JSONLimits.depth) deep")
            }
            let isObject = c == UInt8(ascii: "{")
            add(isObject ? .object : .array)
            position += 1
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if peek() == close {
                position += 1
            } else {
                while true {
                    if isObject {
                        guard let k = peek() else { throw needMore() }
                        guard k == UInt8(ascii: "\"") else { throw failure(.malformedJSON, "expected a property name in double quotes") }
                        try string(into: &tape, kind: .key)
                        guard let colon = peek() else { throw needMore() }
                        guard colon == UInt8(ascii: ":") else { throw failure(.malformedJSON, "expected ':' after a property name") }
                        position += 1
                    }
                    try value(into: &tape, depth: depth + 1)
                    guard let next = peek() else { throw needMore() }
                    position += 1
                    if next == close { break }
                    guard next == UInt8(ascii: ",") else {
                        position -= 1
                        throw failure(.malformedJSON, "expected ',' or '\(Character(UnicodeScalar(close)))'")
                    }
                }
            }
            tape.nodes[index].end = Int32(tape.nodes.count)
        case UInt8(ascii: "\""):
            try string(into: &tape, kind: .string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            try number()
            add(.number, start: start + shift, count: position - start)
        case UInt8(ascii: "t"): try literal("true"); add(.bool, flag: true)
        case UInt8(ascii: "f"): try literal("false"); add(.bool)
        case UInt8(ascii: "n"): try literal("null"); add(.null)
        default:
            throw failure(.malformedJSON, "expected a value (an object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONFailure) {
        let count = word.utf8CodeUnitCount
        for k in 0..<count {
            guard position + k < input.count else { throw needMore() }
            guard input[position + k] == word.utf8Start[k] else { throw failure(.malformedJSON, "expected a value") }
        }
        position += count
    }

    /// RFC 8259's number grammar; the text is kept as it stands and read by the field's type.
    private mutating func number() throws(JSONFailure) {
        let start = position
        func digits() throws(JSONFailure) -> Int {
            let from = position
            while position < input.count, input[position] &- 48 < 10 { position += 1 }
            if position == input.count { throw needMore() }
            return position - from
        }
        if input[position] == UInt8(ascii: "-") { position += 1 }
        guard position < input.count else { throw needMore() }
        let first = position
        let whole = try digits()
        guard whole > 0 else { throw failure(.malformedJSON, "a number needs a digit after '-'") }
        if whole > 1 && input[first] == UInt8(ascii: "0") { throw failure(.malformedJSON, "a number may not start with 0", at: first) }
        if input[position] == UInt8(ascii: ".") {
            position += 1
            guard position < input.count else { throw needMore() }
            guard try digits() > 0 else { throw failure(.malformedJSON, "a number needs digits after '.'") }
        }
        if input[position] == UInt8(ascii: "e") || input[position] == UInt8(ascii: "E") {
            position += 1
            guard position < input.count else { throw needMore() }
            if input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-") { position += 1 }
            guard position < input.count else { throw needMore() }
            guard try digits() > 0 else { throw failure(.malformedJSON, "a number needs digits in its exponent") }
        }
        guard position - start <= JSONLimits.numberBytes else {
            throw failure(.valueTooLong, "a number of more than \(JSONLimits.numberBytes) characters", at: start)
        }
    }

    /// A string or a property name: checked UTF-8, no control characters, escapes decoded.
    private mutating func string(into tape: inout JSONTape, kind: JSONTape.Kind) throws(JSONFailure) {
        let (nodeLine, nodeColumn) = (Int32(clamping: line), Int32(clamping: column))
        position += 1
        let start = position
        var escaped = false
        var scratchStart = tape.scratch.count
        while true {
            // Most bytes are printable ASCII without quote or backslash: skip eight at a time.
            while position + 8 <= input.count {
                let word = input.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                let special = JSONScanner.specialBytes(word)
                // The bytes before the first special one are plain (little-endian: the lowest set bit).
                let plain = special == 0 ? 8 : special.trailingZeroBitCount >> 3
                if escaped && plain > 0 { tape.scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[position..<(position + plain)])) }
                position += plain
                if plain < 8 { break }
                if position - start > JSONLimits.stringBytes {
                    throw failure(.valueTooLong, "a string of more than \(JSONLimits.stringBytes) bytes", at: start - 1)
                }
            }
            guard position < input.count else { throw needMore() }
            let c = input[position]
            if c >= 0x20 && c < 0x80 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                if escaped { tape.scratch.append(c) }
                position += 1
                if position - start > JSONLimits.stringBytes {
                    throw failure(.valueTooLong, "a string of more than \(JSONLimits.stringBytes) bytes", at: start - 1)
                }
                continue
            }
            if c == UInt8(ascii: "\"") { break }
            if position - start > JSONLimits.stringBytes {
                throw failure(.valueTooLong, "a string of more than \(JSONLimits.stringBytes) bytes", at: start - 1)
            }
            if c == UInt8(ascii: "\\") {
                if !escaped {
                    escaped = true
                    scratchStart = tape.scratch.count
                    tape.scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[start..<position]))
                }
                try escape(into: &tape.scratch)
                continue
            }
            if c < 0x20 { throw failure(.malformedJSON, "a control character (U+\(hex(c))) inside a string; write it as an escape") }
            let length = try utf8Sequence()
            if escaped { tape.scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[position..<(position + length)])) }
            position += length
        }
        let bytes = escaped ? tape.scratch.count - scratchStart : position - start
        tape.nodes.append(JSONTape.Node(kind: kind, flag: escaped, start: Int32(truncatingIfNeeded: escaped ? scratchStart : start + shift), count: Int32(bytes),
                                        end: Int32(tape.nodes.count + 1), line: nodeLine, column: nodeColumn))
        position += 1
    }

    /// The high bit of each byte of `word` that is a quote, a backslash, a control character or
    /// not ASCII (the bytes a string scan must look at one by one). Bits above the first such
    /// byte may be set wrongly (a borrow), so only the lowest set bit is exact.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let quote = zeroByte(word ^ (ones &* 0x22)), backslash = zeroByte(word ^ (ones &* 0x5C))
        // A byte below 0x20: subtracting 0x20 borrows into its high bit (where the byte's own is clear).
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control | (word & highs)
    }

    private func hex(_ c: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "00" + String(digits[Int(c >> 4)]) + String(digits[Int(c & 15)])
    }

    /// The length of the well-formed UTF-8 sequence at `position` (RFC 3629: no overlongs, no
    /// surrogates, nothing above U+10FFFF).
    private func utf8Sequence() throws(JSONFailure) -> Int {
        let c = input[position]
        if c < 0x80 { return 1 }
        let length: Int, low: UInt8, high: UInt8
        switch c {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xE1...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        default: throw failure(.invalidEncoding, "bytes that are not UTF-8 inside a string (JSON is UTF-8)")
        }
        guard position + length <= input.count else { throw needMore() }
        let second = input[position + 1]
        guard second >= low && second <= high else { throw failure(.invalidEncoding, "bytes that are not UTF-8 inside a string (JSON is UTF-8)") }
        for k in 2..<max(2, length) where input[position + k] & 0xC0 != 0x80 {
            throw failure(.invalidEncoding, "bytes that are not UTF-8 inside a string (JSON is UTF-8)")
        }
        return length
    }

    /// One escape sequence at `position`, decoded into `out`.
    private mutating func escape(into out: inout [UInt8]) throws(JSONFailure) {
        let start = position
        guard position + 1 < input.count else { throw needMore() }
        let e = input[position + 1]
        position += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < input.count else { throw needMore() }
                guard input[position] == UInt8(ascii: "\\"), input[position + 1] == UInt8(ascii: "u") else {
                    throw failure(.invalidEncoding, "a lone surrogate escape (\\uD800-\\uDBFF without its pair)", at: start)
                }
                position += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure(.invalidEncoding, "a surrogate escape without its low half", at: start) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw failure(.invalidEncoding, "a lone surrogate escape (\\uDC00-\\uDFFF)", at: start)
            }
            guard scalar != 0 else { throw failure(.invalidEncoding, "a NUL character (\\u0000) inside a string", at: start) }
            out.append(contentsOf: Array(String(UnicodeScalar(scalar)!).utf8))
        default:
            position -= 1
            throw failure(.malformedJSON, "an unknown escape '\\\(Character(UnicodeScalar(e)))' inside a string")
        }
    }

    private mutating func hexQuad() throws(JSONFailure) -> UInt32 {
        guard position + 4 <= input.count else { throw needMore() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = input[position]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw failure(.malformedJSON, "\\u needs four hexadecimal digits")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }
}

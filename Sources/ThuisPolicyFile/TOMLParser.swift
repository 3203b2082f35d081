import ThuisCore

/// A TOML 1.0 parser that keeps the position of every key and value.
///
/// Policy files need precise locations for every complaint (an unknown key, a wrong type), which
/// a wrapper around a C++ parser does not give per node. It reads TOML 1.0 as the official
/// toml-test suite has it (`TOMLSuiteTests`), with two differences, both documented in
/// `Documentation/policy.md`: date-times and times are refused with a clear message (policies
/// need dates only), and a lone carriage return ends a line, as LF and CRLF do.
public struct TOMLParser {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// How deep the value being read is nested in arrays and inline tables.
    private var depth = 0

    /// Limits that keep a hostile file from exhausting the stack or time: policies need a few
    /// levels and a few dozen quotas.
    public static let maximumDepth = 32
    public static let maximumKeyParts = 32
    public static let maximumArrayTables = 1_000

    /// Parses a whole document into its root table. CR, LF and CRLF all end a line.
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> TOMLTable {
        var parser = TOMLParser(bytes: normalisedLineEnds(Array(text.utf8)))
        return try parser.document()
    }

    /// The bytes with CRLF and lone CR turned into LF, so that a file saved with any line ends
    /// reads alike (a lone CR once made a whole file one comment).
    static func normalisedLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x0D {
                out.append(0x0A)
                if k + 1 < bytes.count && bytes[k + 1] == 0x0A { k += 1 }
            } else {
                out.append(bytes[k])
            }
            k += 1
        }
        return out
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var position: TOMLPosition { TOMLPosition(line: line, column: i - lineStart + 1) }
    private var atEnd: Bool { i >= bytes.count }
    private var current: UInt8 { bytes[i] }

    private func fail(_ message: String, at position: TOMLPosition? = nil) -> TOMLSyntaxError {
        TOMLSyntaxError(message: message, position: position ?? self.position)
    }

    // MARK: Document

    private mutating func document() throws(TOMLSyntaxError) -> TOMLTable {
        var root = TOMLTable()
        var path: [String] = []
        var arrayTable = false
        while true {
            try skipWhitespaceAndNewlines()
            if atEnd { break }
            if current == UInt8(ascii: "[") {
                let start = position
                i += 1
                arrayTable = !atEnd && current == UInt8(ascii: "[")
                if arrayTable { i += 1 }
                skipSpaces()
                path = try key().map(\.0)
                skipSpaces()
                try expect("]")
                if arrayTable { try expect("]") }
                try endOfLine()
                try open(&root, path, arrayTable: arrayTable, at: start)
            } else {
                let (keys, node, keyStart) = try keyValue()
                try endOfLine()
                try insert(&root, path, keys, node, at: keyStart)
            }
        }
        return root
    }

    /// How a step along a key path is taken: by a `[header]` or by a dotted key.
    private enum Traversal { case header, dotted }

    /// Opens `[path]` or `[[path]]`, creating tables on the way.
    private func open(_ root: inout TOMLTable, _ path: [String], arrayTable: Bool, at position: TOMLPosition) throws(TOMLSyntaxError) {
        let name = path.joined(separator: ".")
        try walk(&root, path[...], .header, at: position) { (node: inout TOMLNode?) throws(TOMLSyntaxError) in
            if arrayTable {
                var element = TOMLTable()
                element.origin = .header
                let newNode = TOMLNode(value: .table(element), position: position)
                switch node?.value {
                case nil:
                    node = TOMLNode(value: .array([newNode]), position: position)
                    node!.arrayOfTables = true
                case .array(var items)? where node!.arrayOfTables:
                    guard items.count < TOMLParser.maximumArrayTables else {
                        throw fail("more than \(TOMLParser.maximumArrayTables) [[\(name)]] tables", at: position)
                    }
                    items.append(newNode)
                    node!.value = .array(items)
                case .array?: throw fail("\(name) is an array of values; [[\(name)]] cannot add to it", at: position)
                default: throw fail("\(name) is already a value, not an array of tables", at: position)
                }
            } else {
                switch node?.value {
                case nil:
                    var t = TOMLTable()
                    t.origin = .header
                    node = TOMLNode(value: .table(t), position: position)
                case .table(var t)?:
                    switch t.origin {
                    case .implicit: t.origin = .header
                    case .header: throw fail("table [\(name)] is defined twice", at: position)
                    case .dotted: throw fail("table \(name) was defined by dotted keys; a [\(name)] header cannot define it again", at: position)
                    case .inline: throw fail("\(name) is an inline table, which cannot be extended", at: position)
                    }
                    node!.value = .table(t)
                default: throw fail("\(name) is already a value, not a table", at: position)
                }
            }
        }
    }

    /// Sets `keys` (possibly dotted) to `node` inside the table at `path`.
    private func insert(_ root: inout TOMLTable, _ path: [String], _ keys: [(String, TOMLPosition)],
                        _ newNode: TOMLNode, at position: TOMLPosition) throws(TOMLSyntaxError) {
        let full = (path + keys.map(\.0)).joined(separator: ".")
        let set = { (node: inout TOMLNode?) throws(TOMLSyntaxError) in
            if node != nil { throw self.fail("key \(full) is defined twice", at: position) }
            node = newNode
        }
        let dotted = { (table: inout TOMLTable) throws(TOMLSyntaxError) in
            try self.walk(&table, keys.map(\.0)[...], .dotted, at: keys.last!.1, set)
        }
        if path.isEmpty { return try dotted(&root) }
        try walk(&root, path[...], .header, at: position) { (node: inout TOMLNode?) throws(TOMLSyntaxError) in
            // The header's own table (or the last table of its array): the dotted keys go in there.
            // Each is taken out of its node while it changes, so it is not copied (see TOMLTable.take);
            // the kind is decided first, as a `switch` on the value would hold a second reference.
            var isTable = false, isArrayOfTables = false
            if case .table? = node?.value { isTable = true }
            if case .array(let items)? = node?.value, node!.arrayOfTables, case .table? = items.last?.value { isArrayOfTables = true }
            if isTable {
                var t = node!.takeValue().table()
                try dotted(&t)
                node!.value = .table(t)
            } else if isArrayOfTables {
                var items = node!.takeValue().nodes()
                var t = items[items.count - 1].takeValue().table()
                try dotted(&t)
                items[items.count - 1].value = .table(t)
                node!.value = .array(items)
            } else {
                throw self.fail("\(full) cannot be set here", at: position)
            }
        }
    }

    /// Walks from `table` along `path`, creating the tables that are missing (implicit ones on a
    /// header's way, dotted ones on a dotted key's), and lets `body` change the last entry. Each
    /// step follows TOML 1.0: an inline table is never extended, an array of values never entered,
    /// an array of tables only by a header (into its last table), and a table defined by a header
    /// never reached by dotted keys.
    private func walk(_ table: inout TOMLTable, _ path: ArraySlice<String>, _ traversal: Traversal, at position: TOMLPosition,
                      _ body: (inout TOMLNode?) throws(TOMLSyntaxError) -> Void) throws(TOMLSyntaxError) {
        let key = path.first!
        let keyPosition = table[key]?.keyPosition ?? position
        var node = table.take(key)
        if path.count == 1 {
            try body(&node)
            if let node { table.set(key, node, at: keyPosition) }
            return
        }
        enum Step { case new, table, lastOfArray }
        let step: Step
        switch node?.value {
        case nil:
            step = .new
        case .table(let t)?:
            switch (t.origin, traversal) {
            case (.inline, _): throw fail("\(key) is an inline table, which cannot be extended", at: position)
            case (.implicit, .dotted), (.header, .dotted):
                throw fail("\(key) was defined by a [table] header; dotted keys cannot add to it", at: position)
            default: step = .table
            }
        case .array(let items)? where node!.arrayOfTables:
            guard traversal == .header, case .table? = items.last?.value else {
                throw fail("dotted keys cannot reach into the array of tables \(key)", at: position)
            }
            step = .lastOfArray
        case .array?: throw fail("\(key) is an array of values, which cannot be extended", at: position)
        default: throw fail("\(key) is already a value, not a table", at: position)
        }
        // The child table (and its array) are moved out of `node` while they change, so they are
        // held once and grow in place.
        var child: TOMLTable
        var items: [TOMLNode] = []
        switch step {
        case .new:
            child = TOMLTable()
            child.origin = traversal == .header ? .implicit : .dotted
        case .table:
            child = node!.takeValue().table()
        case .lastOfArray:
            items = node!.takeValue().nodes()
            child = items[items.count - 1].takeValue().table()
        }
        try walk(&child, path.dropFirst(), traversal, at: position, body)
        switch step {
        case .new: node = TOMLNode(value: .table(child), position: position)
        case .table: node!.value = .table(child)
        case .lastOfArray:
            items[items.count - 1].value = .table(child)
            node!.value = .array(items)
        }
        table.set(key, node!, at: keyPosition)
    }

    // MARK: Keys and values

    /// `key = value`, and where the key starts.
    private mutating func keyValue() throws(TOMLSyntaxError) -> ([(String, TOMLPosition)], TOMLNode, TOMLPosition) {
        let start = position
        let keys = try key()
        skipSpaces()
        try expect("=")
        skipSpaces()
        return (keys, try value(), start)
    }

    private mutating func key() throws(TOMLSyntaxError) -> [(String, TOMLPosition)] {
        var parts: [(String, TOMLPosition)] = []
        while true {
            skipSpaces()
            let start = position
            if atEnd { throw fail("a key is missing") }
            if current == UInt8(ascii: "\"") {
                parts.append((try basicString(), start))
            } else if current == UInt8(ascii: "'") {
                parts.append((try literalString(), start))
            } else {
                let from = i
                while !atEnd, isBareKey(current) { i += 1 }
                guard i > from else { throw fail("a key is expected here") }
                parts.append((String(decoding: bytes[from..<i], as: UTF8.self), start))
            }
            skipSpaces()
            if parts.count > TOMLParser.maximumKeyParts { throw fail("a key of more than \(TOMLParser.maximumKeyParts) parts", at: parts[0].1) }
            if !atEnd, current == UInt8(ascii: ".") { i += 1; continue }
            return parts
        }
    }

    private mutating func value() throws(TOMLSyntaxError) -> TOMLNode {
        let start = position
        guard !atEnd else { throw fail("a value is missing") }
        depth += 1
        defer { depth -= 1 }
        guard depth <= TOMLParser.maximumDepth else {
            throw fail("arrays and inline tables nest deeper than \(TOMLParser.maximumDepth) levels")
        }
        switch current {
        case UInt8(ascii: "\""):
            if bytes[i...].starts(with: Array("\"\"\"".utf8)) { return TOMLNode(value: .string(try multiLineString(literal: false)), position: start) }
            return TOMLNode(value: .string(try basicString()), position: start)
        case UInt8(ascii: "'"):
            if bytes[i...].starts(with: Array("'''".utf8)) { return TOMLNode(value: .string(try multiLineString(literal: true)), position: start) }
            return TOMLNode(value: .string(try literalString()), position: start)
        case UInt8(ascii: "["):
            return TOMLNode(value: .array(try array()), position: start)
        case UInt8(ascii: "{"):
            return TOMLNode(value: .table(try inlineTable()), position: start)
        default:
            let from = i
            while !atEnd, !isValueEnd(current) { i += 1 }
            let token = String(decoding: bytes[from..<i], as: UTF8.self)
            if token == "true" { return TOMLNode(value: .bool(true), position: start) }
            if token == "false" { return TOMLNode(value: .bool(false), position: start) }
            if let day = Day(iso: token) {
                // `1979-05-27 07:32:00`: a date and a time, separated by a space.
                if i + 2 < bytes.count, current == 0x20, TOMLNumber.isDigit(bytes[i + 1]), TOMLNumber.isDigit(bytes[i + 2]) {
                    throw fail(TOMLNumber.timesUnsupported, at: start)
                }
                return TOMLNode(value: .date(day), position: start)
            }
            if token.isEmpty { throw fail("a value is expected here", at: start) }
            switch TOMLNumber.parse(token) {
            case .integer(let n): return TOMLNode(value: .integer(n), position: start)
            case .float(let d): return TOMLNode(value: .float(d), position: start)
            case .invalid(let why): throw fail("'\(token)' \(why)", at: start)
            }
        }
    }

    private mutating func array() throws(TOMLSyntaxError) -> [TOMLNode] {
        i += 1
        var items: [TOMLNode] = []
        while true {
            try skipWhitespaceAndNewlines()
            if atEnd { throw fail("the array is not closed with ]") }
            if current == UInt8(ascii: "]") { i += 1; return items }
            items.append(try value())
            try skipWhitespaceAndNewlines()
            if !atEnd, current == UInt8(ascii: ",") { i += 1; continue }
            try skipWhitespaceAndNewlines()
            if !atEnd, current == UInt8(ascii: "]") { i += 1; return items }
            throw fail("a , or ] is expected in the array")
        }
    }

    private mutating func inlineTable() throws(TOMLSyntaxError) -> TOMLTable {
        i += 1
        var table = TOMLTable()
        skipSpaces()
        // Complete as written: nothing may extend it afterwards.
        table.origin = .inline
        if !atEnd, current == UInt8(ascii: "}") { i += 1; return table }
        while true {
            let (keys, node, keyStart) = try keyValue()
            try insert(&table, [], keys, node, at: keyStart)
            skipSpaces()
            if !atEnd, current == UInt8(ascii: ",") { i += 1; continue }
            if !atEnd, current == UInt8(ascii: "}") { i += 1; return table }
            throw fail("a , or } is expected in the inline table")
        }
    }

    private mutating func basicString() throws(TOMLSyntaxError) -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard !atEnd, current != UInt8(ascii: "\n") else { throw fail("the string is not closed with \"") }
            let c = current
            if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") { try escape(into: &out); continue }
            try refuseControl(c, in: "a string")
            out.append(c)
            i += 1
        }
    }

    /// One escape sequence at `i` (the backslash), as TOML 1.0 has them.
    private mutating func escape(into out: inout [UInt8]) throws(TOMLSyntaxError) {
        i += 1
        guard !atEnd else { throw fail("the string is not closed") }
        let e = current
        i += 1
        switch e {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = e == UInt8(ascii: "u") ? 4 : 8
            guard i + count <= bytes.count, bytes[i..<(i + count)].allSatisfy(TOMLNumber.isHexDigit),
                  let scalar = UInt32(String(decoding: bytes[i..<(i + count)], as: UTF8.self), radix: 16),
                  let u = Unicode.Scalar(scalar) else {
                throw fail("\\\(Character(Unicode.Scalar(e))) needs \(count) hexadecimal digits naming a Unicode scalar value")
            }
            out.append(contentsOf: Array(String(Character(u)).utf8))
            i += count
        default: throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
        }
    }

    /// Control characters other than tab are not allowed in strings and comments.
    private func refuseControl(_ c: UInt8, in place: String) throws(TOMLSyntaxError) {
        if (c < 0x20 && c != 0x09) || c == 0x7F {
            throw fail("a control character (byte \(c)) in \(place)")
        }
    }

    private mutating func literalString() throws(TOMLSyntaxError) -> String {
        i += 1
        let from = i
        while !atEnd, current != UInt8(ascii: "'") {
            if current == UInt8(ascii: "\n") { throw fail("the string is not closed with '") }
            try refuseControl(current, in: "a string")
            i += 1
        }
        guard !atEnd else { throw fail("the string is not closed with '") }
        let s = String(decoding: bytes[from..<i], as: UTF8.self)
        i += 1
        return s
    }

    /// A multi-line string, basic or literal: a newline right after the opening delimiter is
    /// dropped; up to two quotes may stand inside and just before the closing delimiter; in the
    /// basic form a backslash at the end of a line removes the line break and the whitespace after.
    private mutating func multiLineString(literal: Bool) throws(TOMLSyntaxError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        i += 3
        if !atEnd, current == 0x0A { newline() }
        var out: [UInt8] = []
        while true {
            guard !atEnd else { throw fail("the multi-line string is not closed") }
            let c = current
            if c == quote {
                var run = 0
                while i + run < bytes.count, bytes[i + run] == quote { run += 1 }
                if run >= 3 {
                    guard run <= 5 else { throw fail("too many quotes at the end of a multi-line string") }
                    out.append(contentsOf: Array(repeating: quote, count: run - 3))
                    i += run
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(contentsOf: Array(repeating: quote, count: run))
                i += run
                continue
            }
            if c == 0x0A { out.append(c); newline(); continue }
            if !literal && c == UInt8(ascii: "\\") {
                // A line-ending backslash: only whitespace up to the end of the line.
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j < bytes.count, bytes[j] == 0x0A {
                    i = j
                    while !atEnd, current == 0x20 || current == 0x09 || current == 0x0A {
                        if current == 0x0A { newline() } else { i += 1 }
                    }
                    continue
                }
                try escape(into: &out)
                continue
            }
            try refuseControl(c, in: "a string")
            out.append(c)
            i += 1
        }
    }

    private mutating func newline() {
        i += 1
        line += 1
        lineStart = i
    }

    // MARK: Whitespace

    private mutating func expect(_ c: Character) throws(TOMLSyntaxError) {
        guard !atEnd, current == c.asciiValue! else { throw fail("\(c) is expected here") }
        i += 1
    }

    private mutating func skipSpaces() {
        while !atEnd, current == 0x20 || current == 0x09 { i += 1 }
    }

    private mutating func skipComment() throws(TOMLSyntaxError) {
        if !atEnd, current == UInt8(ascii: "#") {
            while !atEnd, current != 0x0A {
                try refuseControl(current, in: "a comment")
                i += 1
            }
        }
    }

    private mutating func skipWhitespaceAndNewlines() throws(TOMLSyntaxError) {
        while !atEnd {
            skipSpaces()
            try skipComment()
            if !atEnd, current == 0x0D { i += 1; continue }
            if !atEnd, current == 0x0A {
                i += 1
                line += 1
                lineStart = i
                continue
            }
            return
        }
    }

    private mutating func endOfLine() throws(TOMLSyntaxError) {
        skipSpaces()
        try skipComment()
        if !atEnd, current == 0x0D { i += 1 }
        if atEnd { return }
        guard current == 0x0A else { throw fail("the line should end here") }
    }

    private func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

    private func isValueEnd(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
            || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
    }
}

import Foundation

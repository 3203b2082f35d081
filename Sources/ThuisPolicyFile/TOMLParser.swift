import ThuisCore

/// A small TOML parser that keeps the position of every key and value.
///
/// Policy files need precise locations for every complaint (an unknown key, a wrong type), which
/// a wrapper around a C++ parser does not give per node. Supported: comments, bare, quoted and
/// dotted keys, `[tables]`, `[[arrays of tables]]`, basic and literal strings, integers (with `_`),
/// floats, booleans, local dates, arrays and inline tables. Multi-line strings and date-times
/// are refused with a clear message: policies do not need them.
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
            skipWhitespaceAndNewlines()
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
                try insert(&root, path, arrayTable: arrayTable, keys, node, at: keyStart)
            }
        }
        return root
    }

    /// Opens `[path]` or `[[path]]`, creating tables on the way.
    private func open(_ root: inout TOMLTable, _ path: [String], arrayTable: Bool, at position: TOMLPosition) throws(TOMLSyntaxError) {
        try modify(&root, path[...], at: position) { (table: inout TOMLTable?, node: inout TOMLNode?) throws(TOMLSyntaxError) in
            if arrayTable {
                var element = TOMLTable()
                element.explicitlyDefined = true
                let newNode = TOMLNode(value: .table(element), position: position)
                switch node?.value {
                case nil: node = TOMLNode(value: .array([newNode]), position: position)
                case .array(var items)?:
                    guard items.count < TOMLParser.maximumArrayTables else {
                        throw fail("more than \(TOMLParser.maximumArrayTables) [[\(path.joined(separator: "."))]] tables", at: position)
                    }
                    items.append(newNode)
                    node!.value = .array(items)
                default: throw fail("\(path.joined(separator: ".")) is already a value, not an array of tables", at: position)
                }
            } else {
                switch node?.value {
                case nil:
                    var t = TOMLTable()
                    t.explicitlyDefined = true
                    node = TOMLNode(value: .table(t), position: position)
                case .table(var t)?:
                    if t.explicitlyDefined { throw fail("table [\(path.joined(separator: "."))] is defined twice", at: position) }
                    t.explicitlyDefined = true
                    node!.value = .table(t)
                default: throw fail("\(path.joined(separator: ".")) is already a value, not a table", at: position)
                }
            }
        }
    }

    /// Sets `keys` (possibly dotted) to `node` inside the table at `path`.
    private func insert(_ root: inout TOMLTable, _ path: [String], arrayTable: Bool, _ keys: [(String, TOMLPosition)],
                        _ newNode: TOMLNode, at position: TOMLPosition) throws(TOMLSyntaxError) {
        let full = path + keys.map(\.0)
        try modify(&root, full[...], at: keys.last!.1) { (_, node: inout TOMLNode?) throws(TOMLSyntaxError) in
            if node != nil { throw fail("key \(full.joined(separator: ".")) is defined twice", at: position) }
            node = newNode
        }
    }

    /// Walks to the entry at `path` (descending into the last element of arrays of tables) and
    /// lets `body` change it.
    private func modify(_ table: inout TOMLTable, _ path: ArraySlice<String>, at position: TOMLPosition,
                        _ body: (inout TOMLTable?, inout TOMLNode?) throws(TOMLSyntaxError) -> Void) throws(TOMLSyntaxError) {
        let key = path.first!
        var node = table[key]?.node
        if path.count == 1 {
            var none: TOMLTable? = nil
            try body(&none, &node)
            if let node { table.set(key, node, at: table[key]?.keyPosition ?? position) }
            return
        }
        var child: TOMLTable
        var inArray = false
        switch node?.value {
        case nil: child = TOMLTable()
        case .table(let t)?: child = t
        case .array(let items)?:
            guard case .table(let t)? = items.last?.value else {
                throw fail("\(key) is an array of values, not of tables", at: position)
            }
            child = t
            inArray = true
        default: throw fail("\(key) is already a value, not a table", at: position)
        }
        try modify(&child, path.dropFirst(), at: position, body)
        if inArray, case .array(var items)? = node?.value {
            items[items.count - 1].value = .table(child)
            node!.value = .array(items)
        } else if node == nil {
            node = TOMLNode(value: .table(child), position: position)
        } else {
            node!.value = .table(child)
        }
        table.set(key, node!, at: table[key]?.keyPosition ?? position)
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
            if bytes[i...].starts(with: Array("\"\"\"".utf8)) { throw fail("multi-line strings are not supported in policy files") }
            return TOMLNode(value: .string(try basicString()), position: start)
        case UInt8(ascii: "'"):
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
            if let day = Day(iso: token) { return TOMLNode(value: .date(day), position: start) }
            let digits = token.replacingOccurrences(of: "_", with: "")
            if let n = Int64(digits) { return TOMLNode(value: .integer(n), position: start) }
            if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(digits), d.isFinite {
                return TOMLNode(value: .float(d), position: start)
            }
            if token.isEmpty { throw fail("a value is expected here", at: start) }
            throw fail("'\(token)' is not a TOML value (strings need quotes)", at: start)
        }
    }

    private mutating func array() throws(TOMLSyntaxError) -> [TOMLNode] {
        i += 1
        var items: [TOMLNode] = []
        while true {
            skipWhitespaceAndNewlines()
            if atEnd { throw fail("the array is not closed with ]") }
            if current == UInt8(ascii: "]") { i += 1; return items }
            items.append(try value())
            skipWhitespaceAndNewlines()
            if !atEnd, current == UInt8(ascii: ",") { i += 1; continue }
            skipWhitespaceAndNewlines()
            if !atEnd, current == UInt8(ascii: "]") { i += 1; return items }
            throw fail("a , or ] is expected in the array")
        }
    }

    private mutating func inlineTable() throws(TOMLSyntaxError) -> TOMLTable {
        i += 1
        var table = TOMLTable()
        skipSpaces()
        if !atEnd, current == UInt8(ascii: "}") { i += 1; return table }
        while true {
            let (keys, node, keyStart) = try keyValue()
            try insert(&table, [], arrayTable: false, keys, node, at: keyStart)
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
            i += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard !atEnd else { throw fail("the string is not closed with \"") }
            let e = current
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(e)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count, let scalar = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16),
                      let u = Unicode.Scalar(scalar) else { throw fail("\\u needs four hexadecimal digits") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
                i += 4
            default: throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
            }
        }
    }

    private mutating func literalString() throws(TOMLSyntaxError) -> String {
        i += 1
        let from = i
        while !atEnd, current != UInt8(ascii: "'") {
            if current == UInt8(ascii: "\n") { throw fail("the string is not closed with '") }
            i += 1
        }
        guard !atEnd else { throw fail("the string is not closed with '") }
        let s = String(decoding: bytes[from..<i], as: UTF8.self)
        i += 1
        return s
    }

    // MARK: Whitespace

    private mutating func expect(_ c: Character) throws(TOMLSyntaxError) {
        guard !atEnd, current == c.asciiValue! else { throw fail("\(c) is expected here") }
        i += 1
    }

    private mutating func skipSpaces() {
        while !atEnd, current == 0x20 || current == 0x09 { i += 1 }
    }

    private mutating func skipComment() {
        if !atEnd, current == UInt8(ascii: "#") {
            while !atEnd, current != 0x0A { i += 1 }
        }
    }

    private mutating func skipWhitespaceAndNewlines() {
        while !atEnd {
            skipSpaces()
            skipComment()
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
        skipComment()
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

import ThuisCore

/// Reads typed values out of a TOML table, reporting every wrong type, impossible value and
/// unknown key with its position, and remembering which keys were read.
struct TableReader {
    let table: TOMLTable
    /// Dotted path of the table, for messages (`eligibility.age_tiers`).
    let path: String
    let file: String
    private(set) var used = Set<String>()
    var problems: [Diagnostic] = []
    /// Where the table itself was written.
    let position: TOMLPosition

    init(_ table: TOMLTable, path: String, file: String, position: TOMLPosition = TOMLPosition(line: 1, column: 1)) {
        self.table = table
        self.path = path
        self.file = file
        self.position = position
    }

    func location(_ p: TOMLPosition) -> SourceLocation { SourceLocation(file: file, line: p.line, column: p.column) }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func problem(_ code: DiagnosticCode, _ message: String, at p: TOMLPosition) {
        problems.append(.error(code, message, at: location(p)))
    }

    /// The node for `key`, marking it read.
    mutating func node(_ key: String) -> TOMLNode? {
        guard let entry = table[key] else { return nil }
        used.insert(key)
        return entry.node
    }

    mutating func wrongType(_ key: String, _ node: TOMLNode, expected: String) {
        problem(.wrongType, "\(name(key)) should be \(expected), not \(node.typeName)", at: node.position)
    }

    mutating func string(_ key: String) -> String? {
        guard let n = node(key) else { return nil }
        guard case .string(let s) = n.value else { wrongType(key, n, expected: "a string"); return nil }
        return s
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let n = node(key) else { return nil }
        guard case .bool(let b) = n.value else { wrongType(key, n, expected: "true or false"); return nil }
        return b
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int64>) -> Int? {
        guard let n = node(key) else { return nil }
        guard case .integer(let i) = n.value else { wrongType(key, n, expected: "a whole number"); return nil }
        guard range.contains(i) else {
            problem(.invalidValue, "\(name(key)) = \(i) is impossible; it must be within \(range.lowerBound)...\(range.upperBound)", at: n.position)
            return nil
        }
        return Int(i)
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let n = node(key) else { return nil }
        let value: Double
        switch n.value {
        case .float(let d): value = d
        case .integer(let i): value = Double(i)
        default: wrongType(key, n, expected: "a number"); return nil
        }
        guard range.contains(value) else {
            problem(.invalidValue, "\(name(key)) = \(value) is impossible; it must be within \(range.lowerBound)...\(range.upperBound)", at: n.position)
            return nil
        }
        return value
    }

    /// An amount in euro (at most two decimals).
    mutating func money(_ key: String) -> Money? {
        guard let value = number(key, in: 0...10_000_000) else { return nil }
        let cents = (value * 100).rounded()
        if abs(cents - value * 100) > 1e-6 {
            problem(.invalidValue, "\(name(key)) = \(value) has more than two decimals", at: table[key]!.node.position)
            return nil
        }
        return Money(cents: Int64(cents))
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) -> T? where T.RawValue == String {
        guard let s = string(key) else { return nil }
        if let v = T(rawValue: s) { return v }
        problem(.invalidValue, "\(name(key)) = \"\(s)\" is not one of \(T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))",
                at: table[key]!.node.position)
        return nil
    }

    mutating func table(_ key: String) -> TableReader? {
        guard let n = node(key) else { return nil }
        guard case .table(let t) = n.value else { wrongType(key, n, expected: "a table"); return nil }
        return TableReader(t, path: name(key), file: file, position: n.position)
    }

    /// An array of tables (`[[key]]` or an array of inline tables).
    mutating func tables(_ key: String) -> [TableReader]? {
        guard let n = node(key) else { return nil }
        guard case .array(let items) = n.value else { wrongType(key, n, expected: "an array of tables"); return nil }
        var readers: [TableReader] = []
        for (i, item) in items.enumerated() {
            guard case .table(let t) = item.value else {
                problem(.wrongType, "\(name(key))[\(i)] should be a table, not \(item.typeName)", at: item.position)
                continue
            }
            readers.append(TableReader(t, path: "\(name(key))[\(i)]", file: file, position: item.position))
        }
        return readers
    }

    /// An array of strings, with each string's position.
    mutating func strings(_ key: String) -> [(String, TOMLPosition)]? {
        guard let n = node(key) else { return nil }
        guard case .array(let items) = n.value else { wrongType(key, n, expected: "an array of strings"); return nil }
        var values: [(String, TOMLPosition)] = []
        for item in items {
            guard case .string(let s) = item.value else {
                problem(.wrongType, "\(name(key)) should hold strings, not \(item.typeName)", at: item.position)
                continue
            }
            values.append((s, item.position))
        }
        return values
    }

    /// VERA codes from an array of strings.
    mutating func codes<C: VERACode>(_ key: String, _ type: C.Type) -> [C]? {
        guard let values = strings(key) else { return nil }
        var codes: [C] = []
        for (s, p) in values {
            if let c = C(rawValue: s) { codes.append(c) } else {
                problem(.invalidCode, "\(name(key)): \"\(s)\" is not a \(C.listName) code (one of \(C.codeList))", at: p)
            }
        }
        return codes
    }

    /// The keys of this table that are VERA codes (e.g. `SEN` in `[eligibility.age_tiers]`),
    /// with the code; other keys are reported as invalid codes.
    mutating func codeKeys<C: VERACode>(_ type: C.Type) -> [(C, String)] {
        var result: [(C, String)] = []
        for entry in table.entries {
            if let code = C(rawValue: entry.key) {
                result.append((code, entry.key))
            } else {
                _ = node(entry.key)
                problem(.invalidCode, "\(name(entry.key)): \(entry.key) is not a \(C.listName) code (one of \(C.codeList))", at: entry.keyPosition)
            }
        }
        return result
    }

    /// Reports keys that were never read: a typo must not silently change the policy.
    mutating func finish(allowing extra: Set<String> = []) -> [Diagnostic] {
        for entry in table.entries where !used.contains(entry.key) && !extra.contains(entry.key) {
            problem(.unknownKey, "\(name(entry.key)) is not a policy key Thuis knows (see Documentation/policy.md)", at: entry.keyPosition)
        }
        return problems
    }

    /// Takes over another reader's problems.
    mutating func absorb(_ other: inout TableReader) {
        problems += other.finish()
    }
}

import ThuisCore

/// A position in a TOML file, 1-based.
public struct TOMLPosition: Sendable, Equatable {
    public var line: Int
    public var column: Int
}

/// A parsed TOML value, with where it was written, so every later complaint can point at it.
public struct TOMLNode: Sendable {
    public indirect enum Value: Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case bool(Bool)
        case date(Day)
        case array([TOMLNode])
        case table(TOMLTable)
    }

    public var value: Value
    public var position: TOMLPosition
    /// An array made by `[[header]]`s (which more `[[header]]`s extend), not an array value.
    var arrayOfTables = false

    /// The value, leaving a placeholder: the caller holds the only reference to a table or array
    /// inside, so changing it does not copy it (see ``TOMLTable/take(_:)``).
    mutating func takeValue() -> Value {
        let taken = value
        value = .bool(false)
        return taken
    }

    /// The TOML type's name, for messages.
    public var typeName: String {
        switch value {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .date: return "a date"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

/// A TOML table: keys in the order written, each with the position of the key.
public struct TOMLTable: Sendable {
    public struct Entry: Sendable {
        public var key: String
        public var keyPosition: TOMLPosition
        public var node: TOMLNode
    }

    public private(set) var entries: [Entry] = []
    /// Where each key is in `entries`: a table of thousands of keys is read in linear time.
    private var index: [String: Int] = [:]
    /// Where a table came from, which decides what may extend it (TOML 1.0).
    enum Origin: Sendable {
        /// Created on the way to a `[a.b.c]` header (`a`, `a.b`): a later `[a]` may define it.
        case implicit
        /// Defined by a `[header]` or `[[header]]`: never defined again, never reached by dotted keys.
        case header
        /// Created by dotted keys (`a.b = 1`): never defined again by a header.
        case dotted
        /// An inline table `{ ... }`: complete as written.
        case inline
    }
    var origin = Origin.implicit

    public init() {}

    /// The entry for `key`, if any.
    public subscript(key: String) -> Entry? {
        index[key].map { entries[$0] }
    }

    /// The node of `key`, taken out of the table (a placeholder stays until ``set(_:_:at:)`` puts
    /// it back). The parser changes a nested table while it is out, so that the table is held once
    /// and grows in place: copied on every insert, a table of n keys would cost n² time.
    mutating func take(_ key: String) -> TOMLNode? {
        guard let i = index[key] else { return nil }
        let node = entries[i].node
        entries[i].node = TOMLNode(value: .bool(false), position: node.position)
        return node
    }

    mutating func set(_ key: String, _ node: TOMLNode, at position: TOMLPosition) {
        if let i = index[key] {
            entries[i].node = node
        } else {
            index[key] = entries.count
            entries.append(Entry(key: key, keyPosition: position, node: node))
        }
    }
}

extension TOMLNode.Value {
    /// The table this value holds (an empty one otherwise), moved out of the value.
    consuming func table() -> TOMLTable {
        if case .table(let t) = self { return t }
        return TOMLTable()
    }

    /// The nodes this array value holds (none otherwise), moved out of the value.
    consuming func nodes() -> [TOMLNode] {
        if case .array(let items) = self { return items }
        return []
    }
}

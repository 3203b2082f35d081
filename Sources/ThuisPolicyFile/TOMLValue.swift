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

    mutating func set(_ key: String, _ node: TOMLNode, at position: TOMLPosition) {
        if let i = index[key] {
            entries[i].node = node
        } else {
            index[key] = entries.count
            entries.append(Entry(key: key, keyPosition: position, node: node))
        }
    }
}

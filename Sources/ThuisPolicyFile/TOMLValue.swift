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
    /// Whether the table was defined by a `[header]` (and so cannot be defined again).
    var explicitlyDefined = false

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

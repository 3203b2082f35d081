/// A sentence of the monitor for its reader, in English (the table, the CSV and the JSON, where
/// it is the string) and in Dutch (the council's page).
public struct MonitorNote: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var english: String
    public var dutch: String

    public init(_ english: String, dutch: String) {
        self.english = english
        self.dutch = dutch
    }

    /// A note with no Dutch of its own (a file name, a code): the same in both.
    public init(stringLiteral value: String) { self.init(value, dutch: value) }

    /// The note in `language`.
    public func text(_ language: LetterLanguage) -> String { language == .nl ? dutch : english }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self.init(text, dutch: text)
    }

    /// Encoded as its English text: the JSON's notes stay strings.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(english)
    }
}

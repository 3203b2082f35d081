/// What a region says in its letters to households (`[letter]` in the policy file): where to go
/// with a question or an objection, in each language a letter is written in.
public struct LetterTexts: Sendable, Equatable {
    /// The objection route, by language code (`nl`, `en`); a general sentence where absent.
    public var objection: [String: String] = [:]
    /// Who signs the letter, e.g. the register's name; "the housing register" where absent.
    public var sender: String?

    public init() {}
}

/// Data a ranking or eligibility rule needs that the batch's source did not send.
///
/// A plain VERA system has no place for a household's points or municipality of residence (Thuis
/// reads them from `extra-attributen`), and WRV's Kandidaat has no reaction date. Where such a
/// value is absent the market holds zero; a policy whose rules read it refuses the batch
/// (``Market/sourceGaps``), so that nobody is ranked on zeros.
public enum SourceGap: String, Sendable, CaseIterable, Comparable {
    /// A household's `zoekpunten`, `situatiepunten` or `startpunten`.
    case points
    /// A household's municipality of residence (`gemeente`).
    case municipality
    /// A reaction's date (`datum`).
    case reactionDate

    public static func < (a: SourceGap, b: SourceGap) -> Bool { a.rawValue < b.rawValue }

    /// Where the value would come from, for a message.
    public var source: String {
        switch self {
        case .points: return "the households' points (extra-attributen zoekpunten, situatiepunten, startpunten)"
        case .municipality: return "the households' municipality of residence (extra-attribuut gemeente)"
        case .reactionDate: return "the reactions' dates (datum, or extra-attribuut datum on a Kandidaat)"
        }
    }
}

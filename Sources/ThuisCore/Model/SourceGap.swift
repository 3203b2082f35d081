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
    /// A dwelling's stadsdeel, wijk, buurt or complex: optional in both formats, needed by a
    /// quota with that scope.
    case borough, district, neighbourhood, complex

    /// The gap of a dwelling without an area of `kind`.
    public static func area(_ kind: AreaKind) -> SourceGap {
        switch kind {
        case .borough: return .borough
        case .district: return .district
        case .neighbourhood: return .neighbourhood
        case .complex: return .complex
        }
    }

    public static func < (a: SourceGap, b: SourceGap) -> Bool { a.rawValue < b.rawValue }

    /// Where the value would come from, for a message.
    public var source: String {
        switch self {
        case .points: return "the households' points (extra-attributen zoekpunten, situatiepunten, startpunten)"
        case .municipality: return "the households' municipality of residence (extra-attribuut gemeente)"
        case .reactionDate: return "the reactions' dates (datum, or extra-attribuut datum on a Kandidaat)"
        case .borough: return "the dwellings' stadsdeel (stadsdeel, or adres.stadsdeel in VERA)"
        case .district: return "the dwellings' wijk (wijk, or adres.wijk in VERA: a CBS code such as WK036300)"
        case .neighbourhood: return "the dwellings' buurt (buurt, or adres.buurt in VERA: a CBS code such as BU03630000)"
        case .complex: return "the dwellings' complex (cluster, or a cluster of soort MAR in VERA)"
        }
    }
}

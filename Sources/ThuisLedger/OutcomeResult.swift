import ThuisCore

/// What became of one answer to an offer (see ``LedgerTransaction/record(_:correcting:source:)``).
public enum OutcomeResult: Sendable, Equatable {
    /// The open offer took the answer.
    case recorded
    /// The offer already had this very answer: nothing changed.
    case unchanged
    /// The offer's earlier answer was replaced; the old one is kept in the history.
    case corrected
    /// No offer of this advert to this household.
    case unknownOffer
    /// Dated before the offer was made (on the given day).
    case beforeOffer(String)
    /// The offer was answered already (status, date) and no correction was asked for.
    case alreadyAnswered(OfferStatus, String?)
    /// An acceptance from a household that holds another accepted offer (advert, batch): one
    /// home per household; correct that answer first.
    case housedElsewhere(String, String)

    /// Whether the ledger holds the answer afterwards.
    public var isRecorded: Bool {
        switch self {
        case .recorded, .unchanged, .corrected: return true
        case .unknownOffer, .beforeOffer, .alreadyAnswered, .housedElsewhere: return false
        }
    }
}

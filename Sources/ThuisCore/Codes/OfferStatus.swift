/// The state of an offer (Aanbieding) made in an earlier batch.
public enum OfferStatus: String, VERACode {
    /// Offered, no answer yet.
    case offered = "AAN"
    /// Refused by the household.
    case refused = "GEW"
    /// Withdrawn by the landlord.
    case withdrawn = "ING"
    /// Accepted: the dwelling is let.
    case allocated = "TOE"

    public static let listName = "AANBIEDINGSTATUS"
}

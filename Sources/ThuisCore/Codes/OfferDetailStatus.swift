/// Why Thuis itself withdrew an offer (VERA's `AANBIEDINGDETAILSTATUS`, under status ING).
/// Answers that households and landlords give carry any code of the list; these are the ones
/// the ledger sets.
public enum OfferDetailStatus: String, VERACode {
    /// Andere woning geaccepteerd: the household accepted another offer.
    case otherDwellingAccepted = "AND"
    /// Reactietermijn verlopen: no answer before the deadline.
    case answerPeriodExpired = "REA"
    /// Onterecht aangeboden: offered in error; a superseded batch's open offers.
    case offeredInError = "ONT"

    public static let listName = "AANBIEDINGDETAILSTATUS"

    /// Whether a withdrawal with detail status `detail` keeps the household from being offered
    /// the advert again: every withdrawal does but one made because the offer was wrong
    /// (`ONT`, a superseded batch), which was never the household's doing.
    public static func barsHousehold(withdrawnWith detail: String?) -> Bool {
        guard let detail else { return true }
        return detail != offeredInError.rawValue && !detail.hasPrefix("superseded by ")
    }
}

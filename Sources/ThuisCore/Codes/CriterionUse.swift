/// Whether an advert rule filters reactions or ranks them.
public enum CriterionUse: String, VERACode {
    /// Selectie: an eligibility filter.
    case selection = "SEL"
    /// Sortering: a ranking preference.
    case ranking = "SOR"

    public static let listName = "EENHEIDCRITERIUMTOEPASSING"
}

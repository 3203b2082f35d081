/// What an advert's rule (Eenheidcriterium) looks at: VERA's EENHEIDCRITERIUMSOORT.
public enum CriterionKind: String, VERACode {
    /// Local binding.
    case binding = "BIN"
    /// Group membership.
    case group = "GRO"
    /// An indication.
    case indication = "IND"
    /// Urgency.
    case urgency = "URG"
    /// Household income (bounds in euro).
    case income = "INK"
    /// Age of the oldest member (bounds in years).
    case age = "LEE"
    /// Household size (bounds in persons).
    case persons = "PER"

    public static let listName = "EENHEIDCRITERIUMSOORT"
}

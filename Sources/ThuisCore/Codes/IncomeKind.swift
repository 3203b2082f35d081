/// The kind of an income amount (Inkomen soort).
public enum IncomeKind: String, VERACode {
    /// Gross yearly income; counts towards the household income.
    case gross = "BRU"
    /// Verzamelinkomen as the tax office states it; counts like gross.
    case aggregate = "VZI"
    /// Net income; recorded, not used by the income rules.
    case net = "NET"

    public static let listName = "INKOMENSSOORT"
}

/// The category of a priority status (Voorrangsregeling detailSoort).
public enum PriorityCategory: String, VERACode {
    /// Medical urgency.
    case medical = "MED"
    /// Social urgency.
    case social = "SOC"
    /// Homeless (dak- en thuislozen).
    case homeless = "DAK"
    /// Statushouder: refugee with a residence permit.
    case statusHolder = "STA"
    /// Outflow from care or shelter (uitstromer).
    case outflow = "UIT"
    /// Domestic violence.
    case violence = "GEW"
    /// Mantelzorg: caring for a relative.
    case informalCare = "MAN"
    /// Rehousing for renovation or demolition.
    case rehousing = "HUI"
    /// Ex-detainee.
    case exDetainee = "EXD"
    /// Key profession (e.g. teacher, nurse).
    case keyProfession = "BER"
    /// Labour migrant.
    case labourMigrant = "ARB"
    /// Woonwagenbewoner.
    case caravanDweller = "WOW"

    public static let listName = "VOORRANGDETAILSOORT"
}

/// A further group a dwelling is set aside for, such as statushouders.
public enum AdditionalTargetGroup: String, VERACode {
    /// Statushouders.
    case statusHolders = "STH"
    /// Ex-homeless (dak- en thuislozen).
    case homeless = "DAK"
    /// Uitstromers from care or shelter.
    case outflow = "UIT"
    /// Labour migrants.
    case labourMigrants = "ARB"
    /// Woonwagenbewoners.
    case caravanDwellers = "WOW"

    public static let listName = "AANVULLENDEDOELGROEP"
}

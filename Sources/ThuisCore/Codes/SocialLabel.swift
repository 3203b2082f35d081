/// Whether a dwelling counts as a social (DAEB) letting.
public enum SocialLabel: String, VERACode {
    /// DAEB: a service of general economic interest; the income rules apply.
    case social = "DAE"
    /// Niet-DAEB.
    case nonSocial = "NDA"

    public static let listName = "MAATSCHAPPELIJKLABEL"
}

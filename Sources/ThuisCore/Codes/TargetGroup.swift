/// The household type a dwelling is meant for: VERA's DOELGROEP.
public enum TargetGroup: String, VERACode {
    case general = "ALG"
    case senior = "SEN"
    case youth = "JON"
    case student = "STU"
    case family = "GEZ"
    case care = "ZOR"

    public static let listName = "DOELGROEP"
}

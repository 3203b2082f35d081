/// How an advert (Publicatie) is let: VERA's PUBLICATIEMODEL.
public enum PublicationModel: String, VERACode {
    /// Aanbodmodel: reactions ranked by the policy, offers go down the list.
    case offer = "AAN"
    /// Loting: reactions ranked by lottery only.
    case lottery = "LOT"
    /// Optiemodel: ranked like the offer model; kept apart for reporting.
    case option = "OPT"
    /// Direct bemiddeld: the landlord names the household.
    case direct = "DIS"
    /// Eerste reageerder: the earliest reaction comes first.
    case firstComeFirstServed = "EER"

    public static let listName = "PUBLICATIEMODEL"
}

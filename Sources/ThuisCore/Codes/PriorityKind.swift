/// The kind of a priority status (Voorrangsregeling soort).
public enum PriorityKind: String, VERACode {
    /// Urgency.
    case urgency = "URG"
    /// Local or economic binding.
    case binding = "BIN"
    /// An indication (care, accessibility).
    case indication = "IND"
    /// Membership of a group.
    case group = "GRO"

    public static let listName = "VOORRANGSOORT"
}

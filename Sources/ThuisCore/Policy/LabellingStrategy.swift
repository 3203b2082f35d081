/// How adverts are chosen to carry reserve labels.
public enum LabellingStrategy: String, Sendable, CaseIterable {
    /// The labels the export gives (`Publicatie reservering`).
    case given
    /// Evenly spread in publication order, as municipalities do by hand.
    case rotation
    /// The adverts with the most eligible reactions from the quota's group.
    case demand
}

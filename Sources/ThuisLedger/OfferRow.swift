import ThuisCore

/// One offer as the ledger keeps it: what was offered to whom, and the letting it counts as
/// once accepted (or while still open).
public struct OfferRow: Sendable, Equatable {
    public var advert: String
    public var household: String
    public var position: Int?
    public var reservedFor: String?
    public var letting: LettingRecord
    /// The day by which the household must answer, if the policy or the export sets one.
    public var deadline: Day?

    public init(advert: String, household: String, position: Int?, reservedFor: String?, letting: LettingRecord, deadline: Day? = nil) {
        self.advert = advert
        self.household = household
        self.position = position
        self.reservedFor = reservedFor
        self.letting = letting
        self.deadline = deadline
    }
}

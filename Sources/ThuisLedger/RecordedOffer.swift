import ThuisCore

/// An offer as the ledger holds it: what was offered, by which batch and when, and its outcome.
public struct RecordedOffer: Sendable, Equatable {
    public var batchID: String
    public var offeredOn: Day
    public var offer: OfferRow
    /// Offers the household had refused before this one.
    public var refusalsBefore: Int
    /// Offered (no answer yet), accepted, refused or withdrawn.
    public var status: OfferStatus
    public var detailStatus: String?
    public var outcomeDate: Day?

    public init(batchID: String, offeredOn: Day, offer: OfferRow, refusalsBefore: Int, status: OfferStatus,
                detailStatus: String?, outcomeDate: Day?) {
        self.batchID = batchID
        self.offeredOn = offeredOn
        self.offer = offer
        self.refusalsBefore = refusalsBefore
        self.status = status
        self.detailStatus = detailStatus
        self.outcomeDate = outcomeDate
    }
}

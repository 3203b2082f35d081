import ThuisCore

/// The outcome of an earlier offer, as an export's Aanbieding or `record-outcomes` reports it.
public struct OfferOutcome: Sendable {
    public var advert: String
    public var household: String
    public var status: OfferStatus
    public var detailStatus: String
    public var date: String

    public init(advert: String, household: String, status: OfferStatus, detailStatus: String, date: String) {
        self.advert = advert
        self.household = household
        self.status = status
        self.detailStatus = detailStatus
        self.date = date
    }
}

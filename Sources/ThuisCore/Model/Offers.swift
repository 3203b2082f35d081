/// Offers (Aanbieding) made in earlier batches, with their state as the export reports it.
public struct Offers: Sendable {
    /// External ids (`Aanbieding id`).
    public var ids = IdTable()
    /// The advert offered.
    public var advert: ContiguousArray<Int32> = []
    /// The household offered to.
    public var household: ContiguousArray<Int32> = []
    /// State of the offer (`status`).
    public var status: ContiguousArray<OfferStatus> = []
    /// Reason code (`detailStatus`), as given; empty when absent.
    public var detailStatus: ContiguousArray<String> = []
    /// Day the offer was made (`datum`).
    public var date: ContiguousArray<Day> = []
    /// Answer deadline (`vervaldatum`), if any.
    public var expiry: ContiguousArray<Day?> = []

    public init() {}

    /// Number of offers.
    public var count: Int { advert.count }
}

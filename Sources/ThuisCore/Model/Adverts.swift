/// The adverts (Publicatie) of a market: each lets one dwelling.
public struct Adverts: Sendable {
    /// External ids (`Publicatie id`).
    public var ids = IdTable()
    /// How the advert is let (`model`).
    public var model: ContiguousArray<PublicationModel> = []
    /// First day of the reaction window (`begindatum`).
    public var start: ContiguousArray<Day> = []
    /// Last day of the reaction window (`einddatum`).
    public var end: ContiguousArray<Day> = []
    /// Index of the dwelling let (`eenheid`).
    public var dwelling: ContiguousArray<Int32> = []
    /// For direct allocation (DIS): the household named by the landlord (`relatie`), or -1.
    public var namedHousehold: ContiguousArray<Int32> = []
    /// A reserve label given in the export (`reservering`), as an index into
    /// ``Market/reserveLabels``, or -1.
    public var reserveLabel: ContiguousArray<Int32> = []

    public init() {}

    /// Number of adverts.
    public var count: Int { model.count }
}

/// The dwellings (Eenheid) of a market, one column per field.
public struct Dwellings: Sendable {
    /// External ids (`Eenheid id`).
    public var ids = IdTable()
    /// Municipality index into ``Market/municipalities`` (`gemeente`).
    public var municipality: ContiguousArray<Int32> = []
    /// Corporation index into ``Market/corporations`` (`corporatie`).
    public var corporation: ContiguousArray<Int32> = []
    /// Number of rooms (`kamersAantal`).
    public var rooms: ContiguousArray<Int16> = []
    /// Rent that counts for housing benefit (`rekenhuur`).
    public var rent: ContiguousArray<Money> = []
    /// Gross rent including service costs (`brutohuur`); equals `rent` when absent.
    public var grossRent: ContiguousArray<Money> = []
    /// The household type the dwelling is meant for (`doelgroep`), if any.
    public var targetGroup: ContiguousArray<TargetGroup?> = []
    /// A further group the dwelling is set aside for (`aanvullendeDoelgroep`), if any.
    public var additionalTargetGroup: ContiguousArray<AdditionalTargetGroup?> = []
    /// Accessibility label (`toegankelijkheidslabel`), as given; empty when absent.
    public var accessibilityLabel: ContiguousArray<String> = []
    /// DAEB or not (`maatschappelijkLabel`).
    public var socialLabel: ContiguousArray<SocialLabel> = []
    /// The advert rules of each dwelling: `criteria[criteriaStart[d]..<criteriaStart[d+1]]`.
    public var criteriaStart: ContiguousArray<Int32> = [0]
    /// All advert rules, grouped by dwelling.
    public var criteria: ContiguousArray<Criterion> = []
    /// Per ``AreaKind``, per dwelling: index into ``Market/areas`` of that kind, -1 where the
    /// source gave none.
    public var areas = [ContiguousArray<Int32>](repeating: [], count: AreaKind.allCases.count)

    public init() {}

    /// Number of dwellings.
    public var count: Int { municipality.count }

    /// The area of `kind` dwelling `d` lies in (index into ``Market/areas``), or -1.
    @inlinable public func area(_ kind: AreaKind, of d: Int) -> Int32 { areas[kind.rawValue][d] }

    /// The rules of dwelling `d`.
    public func criteria(of d: Int) -> ArraySlice<Criterion> {
        criteria[Int(criteriaStart[d])..<Int(criteriaStart[d + 1])]
    }
}

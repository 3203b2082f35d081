/// A dwelling as read, with references already interned by ``MarketBuilder``.
public struct DwellingRecord: Sendable {
    public var municipality: Int32 = -1
    public var corporation: Int32 = -1
    public var rooms: Int16 = 0
    public var rent = Money.zero
    public var grossRent: Money?
    public var targetGroup: TargetGroup?
    public var additionalTargetGroup: AdditionalTargetGroup?
    public var accessibilityLabel = ""
    public var socialLabel = SocialLabel.social
    public var criteria: [Criterion] = []
    /// Per ``AreaKind``: the builder's index of the dwelling's area (``MarketBuilder/area(_:_:)``), or -1.
    public var areas: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    public init() {}

    /// The area of `kind`, as the builder interned it; -1 when absent.
    public func area(_ kind: AreaKind) -> Int32 {
        switch kind {
        case .borough: return areas.0
        case .district: return areas.1
        case .neighbourhood: return areas.2
        case .complex: return areas.3
        }
    }

    /// Sets the area of `kind`.
    public mutating func setArea(_ kind: AreaKind, _ index: Int32) {
        switch kind {
        case .borough: areas.0 = index
        case .district: areas.1 = index
        case .neighbourhood: areas.2 = index
        case .complex: areas.3 = index
        }
    }
}

/// An advert as read.
public struct AdvertRecord: Sendable {
    public var model = PublicationModel.offer
    public var start = Day(rawValue: 0)
    public var end = Day(rawValue: 0)
    /// Dwelling slot, or -1 when the advert names none.
    public var dwelling: Int32 = -1
    /// Household slot for direct allocation, or -1.
    public var namedHousehold: Int32 = -1
    /// Reserve label index, or -1.
    public var reserveLabel: Int32 = -1
    /// The publication's status (VERA's PUBLICATIESTATUS code) when the source gives one:
    /// those in ``statusesNotDue`` are not allocated.
    public var status = ""
    /// AFG (settled), ING (withdrawn), VOO and GER (not yet published).
    public static let statusesNotDue: Set<String> = ["AFG", "ING", "VOO", "GER"]
    /// How many dwellings the publication names: one is let; more (a project published as one)
    /// set the publication aside.
    public var dwellingCount = 1
    public init() {}
}

/// A member (Lid) of a household as read.
public struct MemberRecord: Sendable {
    public var birthDate: Day
    /// The member's counted income: the latest year's BRU and VZI amounts added up.
    public var income: Money
    public init(birthDate: Day, income: Money) {
        self.birthDate = birthDate
        self.income = income
    }
}

/// A priority status (Voorrangsregeling) as read.
public struct PriorityRecord: Sendable {
    public var id = ""
    public var kind = PriorityKind.urgency
    public var category = PriorityCategory.medical
    public var start = Day(rawValue: 0)
    public var end: Day?
    /// Municipality indices; empty (with `areas`) for the whole region.
    public var scope: [Int32] = []
    /// Stadsdelen, wijken and buurten the profile lists, as given.
    public var areas: [(kind: AreaKind, code: String)] = []
    public init() {}
}

/// A household as read; members and priorities travel separately to avoid an array per record.
public struct HouseholdRecord: Sendable {
    public var municipality: Int32 = -1
    public var workMunicipality: Int32 = -1
    public var registrationDate = Day(rawValue: 0)
    public var searchPoints: Int32 = 0
    public var situationPoints: Int32 = 0
    public var startPoints: Int32 = 0
    public init() {}
}

/// An offer (Aanbieding) as read.
public struct OfferRecord: Sendable {
    public var advert: Int32 = -1
    public var household: Int32 = -1
    public var status = OfferStatus.offered
    public var detailStatus = ""
    public var date = Day(rawValue: 0)
    public var expiry: Day?
    public init() {}
}

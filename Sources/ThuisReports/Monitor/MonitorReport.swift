import ThuisCore

/// The monitor as it is printed and written: the figures of a ``ProgrammeMonitor`` with what
/// they were measured against and where their inputs came from, so that every figure can be
/// checked from the files named. Encoded as JSON with snake_case keys; `monitor.md` documents each.
public struct MonitorReport: Codable, Sendable {
    /// What the figures rest on.
    public struct Inputs: Codable, Sendable {
        public var ledger: String
        public var stock: String
        public var stockSHA256: String
        public var programme: String?
        public var programmeSHA256: String?
        public var policy: String?
        public var policySHA256: String?
        /// Batches of the period in the ledger.
        public var batches: Int
        /// Whether every batch of the period ran under the policy given (nil without one).
        public var policyMatchesBatches: Bool?

        public init(ledger: String, stock: String, stockSHA256: String, batches: Int) {
            self.ledger = ledger
            self.stock = stock
            self.stockSHA256 = stockSHA256
            self.batches = batches
        }
    }

    public struct Norms: Codable, Sendable {
        public var stock: Double
        public var newBuilding: Double
        public var lettingsFloor: Double
        /// Where the floor comes from: the policy's quota, or the programme's 30%.
        public var lettingsFloorSource: MonitorNote
    }

    public struct Stock: Codable, Sendable, Equatable {
        public var dwellings: Int, socialRental: Int, share: Double?, meetsNorm: Bool
    }

    public struct Programme: Codable, Sendable, Equatable {
        public var planned: Int, socialRental: Int, share: Double?, meetsNorm: Bool
        public var neededSocialRental: Int, neededShare: Double?, meetsNeeded: Bool, canReachStockNorm: Bool
    }

    public struct Lettings: Codable, Sendable, Equatable {
        public var accepted: Int, open: Int, toGroup: Int, perGroup: [String: Int], share: Double?
        public var floorAsks: Int, short: Int, meetsFloor: Bool
    }

    public struct Fair: Codable, Sendable, Equatable {
        public var keyValue: Int, keyShare: Double?, groupLettings: Int, groupShare: Double?
        public var expected: Double, expectedHouseholds: Int, gap: Int, ratio: Double?, standing: FairShare.Standing
    }

    public struct Row: Codable, Sendable, Equatable {
        public var municipality: String
        /// The name the stock file gives, if any.
        public var name: String?
        public var stock: Stock
        public var programme: Programme?
        public var lettings: Lettings
        public var fairShare: Fair
    }

    public var period: String
    public var from: String
    public var until: String
    public var year: Int
    /// The programme counts the years `year` through this one.
    public var targetYear: Int
    public var group: String
    public var key: FairShare.Key
    public var norms: Norms
    public var inputs: Inputs
    public var municipalities: [Row]
    public var region: Row
    /// Municipalities whose gap is positive, most households over first.
    public var carryingMore: [String]
    /// Municipalities whose gap is negative, most households under first.
    public var carryingLess: [String]
    /// What the reader should know: open offers not counted, a policy other than the batches'.
    public var notes: [MonitorNote]
    /// Per municipality with lettings placed in areas: the spread within it.
    public var within: [Within] = []
    /// The batches the period's offers came from: the days the data actually cover.
    public var covered: Covered?
    /// The fair share under every key the inputs allow, side by side (measure 4 per key).
    public var keys: [KeyComparison] = []
    /// Municipalities that carry more under one key and less under another.
    public var keysDisagree: [String] = []

    public struct Covered: Codable, Sendable, Equatable {
        /// The peildatum of the first and the last batch with offers in the period.
        public var first: String, last: String
        public var batches: Int
        public init(first: String, last: String, batches: Int) {
            self.first = first
            self.last = last
            self.batches = batches
        }
    }

    /// One key's fair shares.
    public struct KeyComparison: Codable, Sendable, Equatable {
        public struct Standing: Codable, Sendable, Equatable {
            public var municipality: String
            public var gap: Int, ratio: Double?, standing: FairShare.Standing
        }
        public var key: FairShare.Key
        public var municipalities: [Standing]

        public init(key: FairShare.Key, _ monitor: ProgrammeMonitor) {
            self.key = key
            municipalities = monitor.rows.map { Standing(municipality: $0.municipality, gap: $0.fairShare.gap, ratio: $0.fairShare.ratio, standing: $0.fairShare.standing) }
        }
    }

    /// Sets ``keys`` and ``keysDisagree`` from the monitors under each key.
    public mutating func compare(_ monitors: [(FairShare.Key, ProgrammeMonitor)]) {
        keys = monitors.map { KeyComparison(key: $0.0, $0.1) }
        keysDisagree = municipalities.map(\.municipality).filter { code in
            let standings = Set(keys.compactMap { $0.municipalities.first { $0.municipality == code }?.standing }.filter { $0 != .fair })
            return standings.count > 1
        }
    }

    /// The report of `monitor`; `names` are the municipalities' names by code, where known.
    public init(_ monitor: ProgrammeMonitor, period: ReportingPeriod, floorSource: MonitorNote, inputs: Inputs, names: [String: String] = [:],
                notes: [MonitorNote]) {
        let s = monitor.settings
        self.period = period.description
        from = period.from.description
        until = period.until.description
        year = s.year
        targetYear = s.targetYear
        group = s.group
        key = s.key
        norms = Norms(stock: s.stockNorm.share, newBuilding: s.buildingNorm.share, lettingsFloor: s.lettingsFloor.share,
                      lettingsFloorSource: floorSource)
        self.inputs = inputs
        let region = monitor.region
        func share(_ n: Int, _ of: Int) -> Double? { of == 0 ? nil : Double(n) / Double(of) }
        func row(_ r: ProgrammeMonitor.Row) -> Row {
            let f = r.fairShare
            return Row(municipality: r.municipality, name: names[r.municipality],
                       stock: Stock(dwellings: r.stock.dwellings, socialRental: r.stock.socialRental, share: r.stock.share, meetsNorm: r.stock.meetsNorm),
                       programme: r.programme.map {
                           Programme(planned: $0.planned, socialRental: $0.socialRental, share: $0.share, meetsNorm: $0.meetsNorm,
                                     neededSocialRental: $0.neededSocialRental, neededShare: $0.neededShare, meetsNeeded: $0.meetsNeeded,
                                     canReachStockNorm: $0.canReachStockNorm)
                       },
                       lettings: Lettings(accepted: r.lettings.accepted, open: r.lettings.open, toGroup: r.lettings.toGroup, perGroup: r.lettings.perGroup,
                                          share: r.lettings.share, floorAsks: r.lettings.floorAsks, short: r.lettings.short, meetsFloor: r.lettings.meetsFloor),
                       fairShare: Fair(keyValue: f.keyValue, keyShare: share(f.keyValue, region.fairShare.keyValue),
                                       groupLettings: f.groupLettings, groupShare: share(f.groupLettings, region.fairShare.groupLettings),
                                       expected: f.expected, expectedHouseholds: f.expectedHouseholds, gap: f.gap, ratio: f.ratio, standing: f.standing))
        }
        municipalities = monitor.rows.map(row)
        self.region = row(region)
        carryingMore = monitor.carryingMore.map(\.municipality)
        carryingLess = monitor.carryingLess.map(\.municipality)
        self.notes = notes
    }

    /// How the outputs name a row: `0363 Amsterdam`, `0363`, `region`.
    static func label(_ row: Row) -> String { row.name.map { "\(row.municipality) \($0)" } ?? row.municipality }

    /// The groups with lettings, by name.
    public var groups: [String] { Array(Set(municipalities.flatMap(\.lettings.perGroup.keys))).sorted() }
}

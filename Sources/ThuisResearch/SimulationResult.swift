import ThuisCore

/// What a simulated year shows per group: who was housed, after how long, and how often offers
/// were refused. Groups: each priority category a household held (its first), and `regular`.
public struct SimulationResult: Sendable, Codable {
    public struct GroupFigures: Sendable, Codable, Equatable {
        public var group: String
        /// Households that searched at some time in the period.
        public var households: Int
        public var housed: Int
        public var left: Int
        public var stillSearching: Int
        /// Offers the group's households refused (a household counts in the group of its first
        /// priority, also for offers refused before or after it held one).
        public var refusedOffers: Int
        /// Housed / households.
        public var successRate: Double
        /// Share of all lettings.
        public var share: Double
        /// Years from registration to letting: 10th, 25th, 50th, 75th, 90th percentiles.
        public var waitingYears: [Double]
        /// Years from the first reaction to letting, same percentiles.
        public var searchYears: [Double]
        /// Households housed per whole year of waiting (0-1, 1-2, ... the last is 15 and more).
        public var waitingHistogram: [Int]
        /// Duncan's dissimilarity of the group's lettings and the other lettings over the buurten
        /// of the dwellings (of the area, or the region): 0 spread alike, 1 apart; nil when the
        /// group or the others had no letting there.
        public var dissimilarity: Double?
    }

    /// Time to housing of a group in an area: the Kaplan-Meier estimate (``KaplanMeier``) of
    /// days from registration to housing, those who left or still wait censored, those already
    /// waiting when the simulation began entering late. Quantiles in days, nil where not reached.
    public struct TimeToHousing: Sendable, Codable, Equatable {
        public var municipality: String
        public var group: String
        public var households: Int
        public var housed: Int
        public var censored: Int
        /// The longest duration the curve is identified for: the first gap in the households
        /// observed (``KaplanMeier/end``), or the longest observed; quantiles beyond it are nil.
        public var identifiedUntil: Int
        /// Days by which 25%, 50% and 75% were housed, each with its 95% interval (nil: not reached).
        public var p25: [Int?]
        public var median: [Int?]
        public var p75: [Int?]
        /// Mean days not housed within the first `horizon` days of registration (nil when the
        /// horizon lies beyond `identifiedUntil`).
        public var restrictedMean: Double?
        public var horizon: Int
    }

    /// A step of a group's curve for the region: share still not housed after `days`, with its band.
    public struct CurvePoint: Sendable, Codable, Equatable {
        public var group: String
        public var days: Int
        public var atRisk: Int
        public var housed: Int
        public var survival: Double
        public var low: Double
        public var high: Double
    }

    /// Five years: long enough for the urgent, short enough for the curve of regular seekers to
    /// rest on households observed, not on a few who waited longest.
    public static let defaultHorizon = 1826

    public var days: Int
    public var lettings: Int
    public var refusals: Int
    public var groups: [GroupFigures]
    /// The same per municipality of residence (households living there; shares of the lettings of
    /// the dwellings there), by code.
    public var municipalities: [AreaGroups]
    /// Per area (`region`, then each municipality of residence) and group.
    public var timeToHousing: [TimeToHousing]
    /// The region's curve per group (left out of summary.json: survival.csv).
    public var curves: [CurvePoint] = []
    /// Per household: its survival data (left out of summary.json: households.csv).
    public var subjects: [Subject] = []

    /// A household as the time-to-housing estimate saw it.
    public struct Subject: Sendable, Codable, Equatable {
        public var household: Int
        public var municipality: String
        public var groups: [String]
        public var entry: Int
        public var exit: Int
        public var housed: Bool
    }

    enum CodingKeys: String, CodingKey { case days, lettings, refusals, groups, municipalities, timeToHousing }

    /// A municipality's figures per group.
    public struct AreaGroups: Sendable, Codable, Equatable {
        public var municipality: String
        public var groups: [GroupFigures]
    }

    /// The group names of a simulation under `policy`, in report order.
    public static func groupNames(_ policy: Policy) -> [String] {
        ["all"] + policy.groups.map(\.name) + ["priority"] + PriorityCategory.allCases.map(\.rawValue) + ["regular"]
    }

    init(_ s: Simulation, horizon: Int) {
        days = s.settings.days
        lettings = s.lettings.count
        refusals = s.offersRefused
        let names = SimulationResult.groupNames(s.policy)
        /// Whether household `h` is in the group: by the first priority category it held.
        func member(_ h: Int, _ name: String) -> Bool {
            let category = s.everCategory[h]
            if name == "all" { return true }
            if name == "priority" { return category != nil }
            if name == "regular" { return category == nil }
            if let group = s.policy.groups.first(where: { $0.name == name }) { return category.map(group.categories.contains) ?? false }
            return category?.rawValue == name
        }
        let masks = s.registered.indices.map { h in names.indices.reduce(UInt64(0)) { member(h, names[$1]) ? $0 | 1 << UInt64($1) : $0 } }
        /// A group's figures among the households living in municipality `area` (nil: all); its
        /// share is of the lettings of the dwellings there.
        func groupFigures(_ g: Int, living area: Int?) -> GroupFigures? {
            let bit = UInt64(1) << UInt64(g)
            let members = s.registered.indices.filter { masks[$0] & bit != 0 && (area == nil || s.municipality[$0] == area) }
            guard !members.isEmpty else { return nil }
            let housed = members.filter { s.state[$0] == .housed }
            let waiting = housed.map { Double(s.housedOn[$0]!.rawValue - s.registered[$0].rawValue) / 365.25 }
            let search = housed.map { Double(s.housedOn[$0]!.rawValue - (s.firstReaction[$0] ?? s.housedOn[$0]!).rawValue) / 365.25 }
            var histogram = Array(repeating: 0, count: 16)
            for w in waiting { histogram[min(15, max(0, Int(w)))] += 1 }
            var lettingsHere = 0, groupLettingsHere = 0
            var perBuurt: [Int: (lettings: Int, group: Int)] = [:]
            for (k, (h, m)) in zip(s.lettingHousehold, s.lettingMunicipality).enumerated() where area == nil || m == area {
                lettingsHere += 1
                let key = m << 16 | s.lettingBuurt[k]
                perBuurt[key, default: (0, 0)].lettings += 1
                if masks[h] & bit != 0 {
                    groupLettingsHere += 1
                    perBuurt[key, default: (0, 0)].group += 1
                }
            }
            return GroupFigures(
                group: names[g], households: members.count, housed: housed.count,
                left: members.filter { s.state[$0] == .left }.count,
                stillSearching: members.filter { s.state[$0] == .searching }.count,
                refusedOffers: members.reduce(0) { $0 + s.refusals[$1] },
                successRate: Double(housed.count) / Double(members.count),
                share: lettingsHere == 0 ? 0 : Double(groupLettingsHere) / Double(lettingsHere),
                waitingYears: SimulationResult.percentiles(waiting), searchYears: SimulationResult.percentiles(search),
                waitingHistogram: histogram,
                dissimilarity: AreaConcentration.dissimilarity(perBuurt.keys.sorted().map { perBuurt[$0]! }))
        }
        let figures = names.indices.compactMap { groupFigures($0, living: nil) }
        let byCode = s.settings.municipalities.indices.sorted { s.settings.municipalities[$0].0 < s.settings.municipalities[$1].0 }
        municipalities = byCode.map { m in
            AreaGroups(municipality: s.settings.municipalities[m].0, groups: names.indices.compactMap { groupFigures($0, living: m) })
        }
        groups = figures
        var subjects: [Subject] = [], subjectMasks: [UInt64] = [], areas: [Int] = []
        for h in s.registered.indices {
            guard let subject = s.survivalSubject(h) else { continue }
            let mask = masks[h]
            subjectMasks.append(mask)
            areas.append(s.municipality[h])
            subjects.append(Subject(household: h, municipality: s.settings.municipalities[s.municipality[h]].0,
                                    groups: names.indices.filter { mask & 1 << UInt64($0) != 0 }.map { names[$0] },
                                    entry: subject.entry, exit: subject.exit, housed: subject.event))
        }
        self.subjects = subjects
        var estimates: [TimeToHousing] = [], curves: [CurvePoint] = []
        for area in [-1] + byCode {
            for name in figures.map(\.group) {
                let bit = UInt64(1) << UInt64(names.firstIndex(of: name)!)
                let chosen = subjects.indices.filter { (area < 0 || areas[$0] == area) && subjectMasks[$0] & bit != 0 }
                guard !chosen.isEmpty else { continue }
                let curve = KaplanMeier(chosen.map { (subjects[$0].entry, subjects[$0].exit, subjects[$0].housed) })
                func quantile(_ p: Double) -> [Int?] {
                    let q = curve.quantile(p)
                    return [q.time, q.low, q.high]
                }
                estimates.append(TimeToHousing(municipality: area < 0 ? "region" : s.settings.municipalities[area].0, group: name, households: curve.subjects, housed: curve.events,
                                               censored: curve.subjects - curve.events, identifiedUntil: curve.end, p25: quantile(0.25), median: quantile(0.5),
                                               p75: quantile(0.75), restrictedMean: curve.restrictedMean(to: horizon), horizon: horizon))
                if area < 0 {
                    curves += curve.steps.map { CurvePoint(group: name, days: $0.time, atRisk: $0.atRisk, housed: $0.events,
                                                           survival: $0.survival, low: $0.low, high: $0.high) }
                }
            }
        }
        timeToHousing = estimates
        self.curves = curves
    }

    static func percentiles(_ values: [Double]) -> [Double] {
        guard !values.isEmpty else { return [] }
        let sorted = values.sorted()
        return [0.1, 0.25, 0.5, 0.75, 0.9].map { q in
            let position = q * Double(sorted.count - 1)
            let low = Int(position), high = min(low + 1, sorted.count - 1)
            let value = sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
            return (value * 100).rounded() / 100
        }
    }
}

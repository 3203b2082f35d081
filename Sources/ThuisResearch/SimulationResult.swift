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
    }

    public var days: Int
    public var lettings: Int
    public var refusals: Int
    public var groups: [GroupFigures]

    init(_ s: Simulation) {
        days = s.settings.days
        lettings = s.lettings.count
        refusals = s.offersRefused
        let names = PriorityCategory.allCases.map(\.rawValue) + ["regular"]
        var figures: [GroupFigures] = []
        for name in ["all", "priority"] + names {
            let members = s.registered.indices.filter { h in
                let category = s.everCategory[h]?.rawValue ?? "regular"
                return name == "all" || (name == "priority" && category != "regular") || category == name
            }
            guard !members.isEmpty else { continue }
            let housed = members.filter { s.state[$0] == .housed }
            let waiting = housed.map { Double(s.housedOn[$0]!.rawValue - s.registered[$0].rawValue) / 365.25 }
            let search = housed.map { Double(s.housedOn[$0]!.rawValue - (s.firstReaction[$0] ?? s.housedOn[$0]!).rawValue) / 365.25 }
            var histogram = Array(repeating: 0, count: 16)
            for w in waiting { histogram[min(15, max(0, Int(w)))] += 1 }
            figures.append(GroupFigures(
                group: name, households: members.count, housed: housed.count,
                left: members.filter { s.state[$0] == .left }.count,
                stillSearching: members.filter { s.state[$0] == .searching }.count,
                refusedOffers: members.reduce(0) { $0 + s.refusals[$1] },
                successRate: Double(housed.count) / Double(members.count),
                share: s.lettings.isEmpty ? 0 : Double(housed.count) / Double(s.lettings.count),
                waitingYears: SimulationResult.percentiles(waiting), searchYears: SimulationResult.percentiles(search),
                waitingHistogram: histogram))
        }
        groups = figures
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

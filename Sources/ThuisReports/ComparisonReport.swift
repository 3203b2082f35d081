import Foundation
import ThuisCore
import ThuisResearch

/// A comparison over one or more lottery seeds: mean and 95% interval per figure, and the files
/// and page researchers read.
public struct ComparisonReport: Sendable, Codable {
    /// Mean and 95% Student-t interval over the seeds, within the figure's range (``ThuisResearch/Estimate``).
    public typealias Estimate = ThuisResearch.Estimate

    public struct GroupRow: Sendable, Codable, Equatable {
        public var scenario: String
        public var group: String
        public var lettings: Estimate
        public var share: Estimate
        public var successRate: Estimate
        public var medianRegistrationYears: Double?
        public var medianPreferenceRank: Double?
        public var seekers: Int
    }

    public var scenarios: [String]
    public var seeds: [UInt64]
    public var groups: [GroupRow]
    public var primaryGroups: [String]
    /// Mean over seeds of the displacement matrix (last row and column: not let).
    public var displacement: [[Double]]
    public var better: [Double]
    public var worse: [Double]
    public var unchanged: [Double]

    public init(scenarios: [String], seeds: [UInt64], comparisons: [Comparison]) {
        self.scenarios = scenarios
        self.seeds = seeds
        let first = comparisons[0]
        primaryGroups = first.primaryNames
        var rows: [GroupRow] = []
        for (label, pick) in [(scenarios[0], { (c: Comparison) in c.a }), (scenarios[1], { (c: Comparison) in c.b })] {
            for (g, group) in pick(first).groups.enumerated() {
                let figures = comparisons.map { pick($0).groups[g] }
                rows.append(GroupRow(scenario: label, group: group.group,
                                     lettings: Estimate(figures.map { Double($0.lettings) }),
                                     share: Estimate(figures.map(\.share), range: 0...1),
                                     successRate: Estimate(figures.map(\.successRate), range: 0...1),
                                     medianRegistrationYears: ComparisonReport.mean(figures.compactMap(\.medianRegistrationYears)),
                                     medianPreferenceRank: ComparisonReport.mean(figures.compactMap(\.medianPreferenceRank)),
                                     seekers: group.seekers))
            }
        }
        groups = rows
        let n = Double(comparisons.count)
        displacement = first.matrix.indices.map { i in first.matrix[i].indices.map { j in
            Double(comparisons.reduce(0) { $0 + $1.matrix[i][j] }) / n } }
        better = first.better.indices.map { g in Double(comparisons.reduce(0) { $0 + $1.better[g] }) / n }
        worse = first.worse.indices.map { g in Double(comparisons.reduce(0) { $0 + $1.worse[g] }) / n }
        unchanged = first.unchanged.indices.map { g in Double(comparisons.reduce(0) { $0 + $1.unchanged[g] }) / n }
    }

    static func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }

    static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.4f", v)
    }

    /// `groups.csv`.
    public func groupsCSV() -> String {
        var out = CSVText.line(["scenario", "group", "seeds", "seekers", "lettings", "lettings_low", "lettings_high", "share", "share_low",
                                "share_high", "success_rate", "success_rate_low", "success_rate_high", "median_registration_years",
                                "median_preference_rank"])
        for r in groups {
            out += CSVText.line([r.scenario, r.group, "\(seeds.count)", "\(r.seekers)"]
                + [r.lettings, r.share, r.successRate].flatMap { [Self.number($0.mean), Self.number($0.low), Self.number($0.high)] }
                + [r.medianRegistrationYears.map(Self.number) ?? "", r.medianPreferenceRank.map(Self.number) ?? ""])
        }
        return out
    }

    /// `displacement.csv`: from group (A), to group (B), adverts.
    public func displacementCSV() -> String {
        let labels = primaryGroups + ["not let"]
        var out = CSVText.line(["group_a", "group_b", "adverts"])
        for (i, row) in displacement.enumerated() {
            for (j, value) in row.enumerated() where value > 0 {
                out += CSVText.line([labels[i], labels[j], Self.number(value)])
            }
        }
        return out
    }

    /// `households.csv`: better, worse or unchanged under B, per primary group.
    public func householdsCSV() -> String {
        var out = CSVText.line(["group", "better", "worse", "unchanged"])
        for (g, name) in primaryGroups.enumerated() {
            out += CSVText.line([name, Self.number(better[g]), Self.number(worse[g]), Self.number(unchanged[g])])
        }
        return out
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

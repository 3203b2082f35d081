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
        /// Households of the group that reacted (the mean over the markets).
        public var seekers: Int
        /// The success rate's spread over the markets (standard deviation of the markets' means
        /// over their seeds) and over the lottery (pooled standard deviation over the seeds within
        /// each market); nil where there is one market or one seed.
        public var successRateSDMarkets: Double?
        public var successRateSDLottery: Double?
    }

    public var scenarios: [String]
    public var seeds: [UInt64]
    /// Markets the comparison ran on (generated from a profile with seeds 1...markets), each with
    /// every lottery seed; 1 for an export, where only the lottery varies.
    public var markets: Int
    public var groups: [GroupRow]
    public var primaryGroups: [String]
    /// Mean over seeds of the displacement matrix (last row and column: not let).
    public var displacement: [[Double]]
    public var better: [Double]
    public var worse: [Double]
    public var unchanged: [Double]
    /// Every replication's figures, long: one row per scenario, market, seed, group and measure
    /// (measures.csv; left out of summary.json).
    public var measures: [Measure] = []

    enum CodingKeys: String, CodingKey {
        case scenarios, seeds, markets, groups, primaryGroups, displacement, better, worse, unchanged, provenance
    }
    /// Where the figures come from: set by the command that ran the comparison.
    public var provenance: Provenance?

    /// One figure of one replication.
    public struct Measure: Sendable, Codable, Equatable {
        public var scenario: String
        public var market: Int
        public var seed: UInt64
        public var group: String
        public var measure: String
        public var value: Double
    }

    /// What a research result was computed from, so it can be recomputed.
    public struct Provenance: Sendable, Codable, Equatable {
        public var thuis: String
        public var commandLine: [String]
        /// The exports read (absolute paths with their SHA-256), or the generator's profile, scale and market seeds.
        public var exports: [String: String]?
        public var profile: String?
        public var scale: Double?
        public var marketSeeds: [Int]?
        /// The policy files (absolute paths) with their SHA-256.
        public var policies: [String: String]

        public init(thuis: String, commandLine: [String], exports: [String: String]?, profile: String?, scale: Double?,
                    marketSeeds: [Int]?, policies: [String: String]) {
            self.thuis = thuis
            self.commandLine = commandLine
            self.exports = exports
            self.profile = profile
            self.scale = scale
            self.marketSeeds = marketSeeds
            self.policies = policies
        }
    }

    /// `comparisons` market by market, each market's seeds in order (`markets` x `seeds.count`).
    /// With several markets the replication is the market: each estimate is over the markets'
    /// means (over their seeds), so its interval covers what changes from one region to another as
    /// well as the lottery; with one market, over the seeds (the lottery alone).
    public init(scenarios: [String], seeds: [UInt64], comparisons: [Comparison], markets: Int = 1) {
        precondition(markets >= 1 && comparisons.count == markets * seeds.count, "comparisons are markets x seeds")
        self.scenarios = scenarios
        self.seeds = seeds
        self.markets = markets
        let first = comparisons[0]
        primaryGroups = first.primaryNames
        let perMarket = seeds.count
        /// The values' estimate, replicated by market when there are several.
        func estimate(_ values: [Double], range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> Estimate {
            guard markets > 1 else { return Estimate(values, range: range) }
            return Estimate(stride(from: 0, to: values.count, by: perMarket).map { ComparisonReport.mean(Array(values[$0..<($0 + perMarket)]))! }, range: range)
        }
        func spread(_ values: [Double]) -> VarianceSplit {
            VarianceSplit(stride(from: 0, to: values.count, by: perMarket).map { Array(values[$0..<($0 + perMarket)]) })
        }
        var rows: [GroupRow] = []
        for (label, pick) in [(scenarios[0], { (c: Comparison) in c.a }), (scenarios[1], { (c: Comparison) in c.b })] {
            for (g, group) in pick(first).groups.enumerated() {
                let figures = comparisons.map { pick($0).groups[g] }
                let success = figures.map(\.successRate)
                let sd = spread(success)
                let seekers = stride(from: 0, to: figures.count, by: perMarket).map { Double(figures[$0].seekers) }
                rows.append(GroupRow(scenario: label, group: group.group,
                                     lettings: estimate(figures.map { Double($0.lettings) }),
                                     share: estimate(figures.map(\.share), range: 0...1),
                                     successRate: estimate(success, range: 0...1),
                                     medianRegistrationYears: ComparisonReport.mean(figures.compactMap(\.medianRegistrationYears)),
                                     medianPreferenceRank: ComparisonReport.mean(figures.compactMap(\.medianPreferenceRank)),
                                     seekers: Int((ComparisonReport.mean(seekers) ?? 0).rounded()),
                                     successRateSDMarkets: sd.markets, successRateSDLottery: sd.lottery))
            }
        }
        groups = rows
        var measures: [Measure] = []
        for (k, comparison) in comparisons.enumerated() {
            let market = k / perMarket + 1, seed = seeds[k % perMarket]
            for (label, outcome) in [(scenarios[0], comparison.a), (scenarios[1], comparison.b)] {
                for g in outcome.groups {
                    for (name, value) in [("seekers", Double(g.seekers)), ("lettings", Double(g.lettings)), ("share", g.share),
                                          ("success_rate", g.successRate)] {
                        measures.append(Measure(scenario: label, market: market, seed: seed, group: g.group, measure: name, value: value))
                    }
                }
            }
        }
        self.measures = measures
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
        var out = CSVText.line(["scenario", "group", "markets", "seeds", "replications", "seekers", "lettings", "lettings_low", "lettings_high",
                                "share", "share_low", "share_high", "success_rate", "success_rate_low", "success_rate_high",
                                "success_rate_sd_markets", "success_rate_sd_lottery", "median_registration_years", "median_preference_rank"])
        for r in groups {
            out += CSVText.line([r.scenario, r.group, "\(markets)", "\(seeds.count)", "\(r.successRate.replications)", "\(r.seekers)"]
                + [r.lettings, r.share, r.successRate].flatMap { [Self.number($0.mean), Self.number($0.low), Self.number($0.high)] }
                + [r.successRateSDMarkets.map(Self.number) ?? "", r.successRateSDLottery.map(Self.number) ?? ""]
                + [r.medianRegistrationYears.map(Self.number) ?? "", r.medianPreferenceRank.map(Self.number) ?? ""])
        }
        return out
    }

    /// `measures.csv`: every replication's figures, one row per scenario, market, seed, group and measure.
    public func measuresCSV() -> String {
        var out = CSVText.line(["scenario", "market", "seed", "group", "measure", "value"])
        for m in measures {
            out += CSVText.line([m.scenario, "\(m.market)", "\(m.seed)", m.group, m.measure, String(format: "%.6f", m.value)])
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

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

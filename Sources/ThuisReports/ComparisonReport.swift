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
        /// `region` for the whole market, else the municipality's CBS code (lettings of the
        /// dwellings there, seekers who live there: ``ThuisResearch/ScenarioOutcome``).
        public var municipality: String
        public var group: String
        public var lettings: Estimate
        public var share: Estimate
        public var successRate: Estimate
        public var medianRegistrationYears: Double?
        public var medianPreferenceRank: Double?
        /// Households of the group that reacted (the mean over the markets).
        public var seekers: Double
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
    /// The region's rows, then each municipality's.
    public var groups: [GroupRow]
    /// Lettings and shares per corporation (of the dwellings it lets).
    public var corporations: [CorporationRow]
    /// B − A, paired by market and seed, per municipality (`region` first), group and measure.
    public var differences: [Difference]
    /// How the groups were defined, the same for both scenarios, and the names whose definitions differ.
    public var groupDefinitions: [String: [String]] = [:]
    public var groupDefinitionSource: String = ""
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
        case scenarios, seeds, markets, groups, corporations, differences, groupDefinitions, groupDefinitionSource,
             primaryGroups, displacement, better, worse, unchanged, provenance
    }

    /// A corporation's lettings to a group under a scenario.
    public struct CorporationRow: Sendable, Codable, Equatable {
        public var scenario: String
        public var corporation: String
        public var group: String
        public var lettings: Estimate
        public var share: Estimate
    }

    /// A paired difference: the measure under B minus under A on the same market and lottery
    /// seed, estimated over the replications as the means are (``ThuisResearch/Estimate``).
    public struct Difference: Sendable, Codable, Equatable {
        public var municipality: String
        public var group: String
        public var measure: String
        public var a: Estimate
        public var b: Estimate
        public var difference: Estimate
    }

    /// The measures that have a paired difference, with the range of their values.
    static let pairedMeasures: [(name: String, range: ClosedRange<Double>)] = [
        ("success_rate", 0...1), ("share", 0...1), ("lettings", 0...Double.greatestFiniteMagnitude), ("dissimilarity", 0...1)]
    /// Where the figures come from: set by the command that ran the comparison.
    public var provenance: Provenance?

    /// One figure of one replication.
    public struct Measure: Sendable, Codable, Equatable {
        public var scenario: String
        public var market: Int
        public var seed: UInt64
        /// `region`, or a municipality's code.
        public var municipality: String
        /// `all`, or a corporation's code (with `municipality` `region`).
        public var corporation: String
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
    /// well as the lottery; with one market, over the seeds (the lottery alone). A difference is
    /// taken within each market and seed first (the paired design), then estimated the same way.
    public init(scenarios: [String], seeds: [UInt64], comparisons: [Comparison], markets: Int = 1) {
        precondition(markets >= 1 && comparisons.count == markets * seeds.count, "comparisons are markets x seeds")
        self.scenarios = scenarios
        self.seeds = seeds
        self.markets = markets
        let first = comparisons[0]
        primaryGroups = first.primaryNames
        let perMarket = seeds.count
        /// Values per replication (nil where the area has no figure), as the estimate's replications:
        /// each market's mean over its seeds when there are several markets, else each seed's value.
        func replications(_ values: [Double?]) -> [Double] {
            guard markets > 1 else { return values.compactMap { $0 } }
            return stride(from: 0, to: values.count, by: perMarket).compactMap { ComparisonReport.mean(values[$0..<($0 + perMarket)].compactMap { $0 }) }
        }
        func spread(_ values: [Double?]) -> VarianceSplit {
            VarianceSplit(stride(from: 0, to: values.count, by: perMarket).map { values[$0..<($0 + perMarket)].compactMap { $0 } })
        }
        let sides: [(label: String, pick: @Sendable (Comparison) -> ScenarioOutcome)] = [(scenarios[0], { $0.a }), (scenarios[1], { $0.b })]
        // Areas: the region, then every municipality any replication has, by code.
        let municipalityNames = Set(comparisons.flatMap { $0.a.municipalities.map(\.area) }).sorted()
        let corporationNames = Set(comparisons.flatMap { $0.a.corporations.map(\.area) + $0.b.corporations.map(\.area) }).sorted()
        func figures(_ outcome: ScenarioOutcome, _ area: String?) -> [ScenarioOutcome.GroupFigures]? {
            guard let area else { return outcome.groups }
            return outcome.municipalities.first { $0.area == area }?.groups
        }
        let groupNames = first.a.groups.map(\.group)
        var rows: [GroupRow] = [], differences: [Difference] = []
        for area in [nil] + municipalityNames.map(Optional.some) {
            var perSide: [[[ScenarioOutcome.GroupFigures?]]] = []   // [side][group][replication]
            for side in sides {
                let all = comparisons.map { figures(side.pick($0), area) }
                var columns: [[ScenarioOutcome.GroupFigures?]] = []
                for (g, group) in groupNames.enumerated() {
                    let column = all.map { $0?[g] }
                    columns.append(column)
                    let success = column.map { $0.map(\.successRate) }
                    let sd = spread(success)
                    let seekers = stride(from: 0, to: column.count, by: perMarket).compactMap { column[$0].map { Double($0.seekers) } }
                    rows.append(GroupRow(scenario: side.label, municipality: area ?? "region", group: group,
                                         lettings: Estimate(replications(column.map { $0.map { Double($0.lettings) } })),
                                         share: Estimate(replications(column.map { $0?.share }), range: 0...1),
                                         successRate: Estimate(replications(success), range: 0...1),
                                         medianRegistrationYears: ComparisonReport.mean(column.compactMap { $0?.medianRegistrationYears }),
                                         medianPreferenceRank: ComparisonReport.mean(column.compactMap { $0?.medianPreferenceRank }),
                                         seekers: ComparisonReport.mean(seekers) ?? 0,
                                         successRateSDMarkets: sd.markets, successRateSDLottery: sd.lottery))
                }
                perSide.append(columns)
            }
            for (g, group) in groupNames.enumerated() {
                for (measure, range) in Self.pairedMeasures {
                    let va = perSide[0][g].map { $0.flatMap { Self.value(measure, $0) } }, vb = perSide[1][g].map { $0.flatMap { Self.value(measure, $0) } }
                    // A market without buurten has no spread to compare.
                    if measure == "dissimilarity" && va.allSatisfy({ $0 == nil }) && vb.allSatisfy({ $0 == nil }) { continue }
                    let paired = zip(va, vb).map { x, y in x.flatMap { x in y.map { $0 - x } } }
                    let width = range.upperBound - range.lowerBound
                    differences.append(Difference(municipality: area ?? "region", group: group, measure: measure,
                                                  a: Estimate(replications(va), range: range), b: Estimate(replications(vb), range: range),
                                                  difference: Estimate(replications(paired), range: -width...width)))
                }
            }
        }
        groups = rows
        self.differences = differences
        var corporations: [CorporationRow] = []
        for side in sides {
            for corporation in corporationNames {
                let all = comparisons.map { side.pick($0).corporations.first { $0.area == corporation }?.groups }
                for (g, group) in groupNames.enumerated() {
                    // A corporation with no letting in a replication let nothing there: zero, not missing.
                    corporations.append(CorporationRow(scenario: side.label, corporation: corporation, group: group,
                                                       lettings: Estimate(replications(all.map { Double($0?[g].lettings ?? 0) })),
                                                       share: Estimate(replications(all.map { $0?[g].share }), range: 0...1)))
                }
            }
        }
        self.corporations = corporations
        var measures: [Measure] = []
        for (k, comparison) in comparisons.enumerated() {
            let market = k / perMarket + 1, seed = seeds[k % perMarket]
            for side in sides {
                let outcome = side.pick(comparison)
                let areas = [("region", "all", outcome.groups)] + outcome.municipalities.map { ($0.area, "all", $0.groups) }
                    + outcome.corporations.map { ("region", $0.area, $0.groups) }
                for (municipality, corporation, figures) in areas {
                    for g in figures {
                        let names = corporation == "all" ? ["seekers", "lettings", "share", "success_rate", "dissimilarity"] : ["lettings", "share"]
                        for name in names {
                            guard let value = Self.value(name, g) else { continue }
                            measures.append(Measure(scenario: side.label, market: market, seed: seed, municipality: municipality,
                                                    corporation: corporation, group: g.group, measure: name, value: value))
                        }
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

    /// A measure of a group's figures by its name in measures.csv.
    static func value(_ measure: String, _ g: ScenarioOutcome.GroupFigures) -> Double? {
        switch measure {
        case "seekers": Double(g.seekers)
        case "lettings": Double(g.lettings)
        case "share": g.share
        case "dissimilarity": g.dissimilarity
        default: g.successRate
        }
    }

    /// The region's row of a scenario and group.
    public func regionRow(_ scenario: String, _ group: String) -> GroupRow? {
        groups.first { $0.scenario == scenario && $0.municipality == "region" && $0.group == group }
    }

    /// The paired difference of a measure for a group in an area (`region` or a code).
    public func difference(_ group: String, _ measure: String, in municipality: String = "region") -> Difference? {
        differences.first { $0.municipality == municipality && $0.group == group && $0.measure == measure }
    }

    static func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }


    /// A figure in the CSVs: whole numbers as such, others with four decimals.
    public static func number(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.4f", v)
    }

    /// `groups.csv`.
    public func groupsCSV() -> String {
        var out = CSVText.line(["scenario", "municipality", "group", "markets", "seeds", "replications", "seekers", "lettings", "lettings_low", "lettings_high",
                                "share", "share_low", "share_high", "success_rate", "success_rate_low", "success_rate_high",
                                "success_rate_sd_markets", "success_rate_sd_lottery", "median_registration_years", "median_preference_rank"])
        for r in groups {
            out += CSVText.line([r.scenario, r.municipality, r.group, "\(markets)", "\(seeds.count)", "\(r.successRate.replications)", Self.number(r.seekers)]
                + [r.lettings, r.share, r.successRate].flatMap { [Self.number($0.mean), Self.number($0.low), Self.number($0.high)] }
                + [r.successRateSDMarkets.map(Self.number) ?? "", r.successRateSDLottery.map(Self.number) ?? ""]
                + [r.medianRegistrationYears.map(Self.number) ?? "", r.medianPreferenceRank.map(Self.number) ?? ""])
        }
        return out
    }

    /// `measures.csv`: every replication's figures, one row per scenario, market, seed, area, group
    /// and measure; counts as whole numbers, rates and shares with six decimals (as sweep's).
    public func measuresCSV() -> String {
        var out = CSVText.line(["scenario", "market", "seed", "municipality", "corporation", "group", "measure", "value"])
        for m in measures {
            let value = m.measure == "seekers" || m.measure == "lettings" ? String(Int(m.value)) : String(format: "%.6f", m.value)
            out += CSVText.line([m.scenario, "\(m.market)", "\(m.seed)", m.municipality, m.corporation, m.group, m.measure, value])
        }
        return out
    }

    /// `differences.csv`: per municipality (`region` first), group and measure, A's and B's means
    /// and B − A paired by market and seed, each with its 95% interval and n.
    public func differencesCSV() -> String {
        var out = CSVText.line(["municipality", "group", "measure", "replications", "a", "a_low", "a_high", "b", "b_low", "b_high",
                                "difference", "difference_low", "difference_high"])
        for d in differences where d.a.replications > 0 {
            out += CSVText.line([d.municipality, d.group, d.measure, "\(d.difference.replications)"]
                + [d.a, d.b, d.difference].flatMap { [Self.number($0.mean), Self.number($0.low), Self.number($0.high)] })
        }
        return out
    }

    /// `corporations.csv`: lettings and share of the corporation's lettings per scenario and group.
    public func corporationsCSV() -> String {
        var out = CSVText.line(["scenario", "corporation", "group", "lettings", "lettings_low", "lettings_high", "share", "share_low", "share_high"])
        for r in corporations {
            out += CSVText.line([r.scenario, r.corporation, r.group]
                + [r.lettings, r.share].flatMap { [Self.number($0.mean), Self.number($0.low), Self.number($0.high)] })
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

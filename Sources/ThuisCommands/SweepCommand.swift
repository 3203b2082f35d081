import Foundation
import ThuisCore
import ThuisPolicyFile
import ThuisReports
import ThuisResearch

/// `thuis sweep (--export FILE | --profile P --markets M [--scale S]) --policy BASE.toml
/// --vary KEY=FROM:TO:STEP [--vary ...] --seeds N --out DIR [--shard I/N] [--html FILE]`: a grid
/// of scenarios, one CSV row per grid point, market and seed.
///
/// Scenarios are numbered in grid order (the first `--vary` slowest), then markets, seeds
/// innermost; shard `I/N` takes the scenarios whose number leaves remainder `I` when divided by
/// `N`, so shards are disjoint and `thuis merge` joins them into exactly the single-process
/// result. Each market is read (or generated) once, and only by a shard that needs it; its
/// scenarios run on all cores.
public struct SweepCommand: ThuisCommand {
    public var exports: [String]
    /// Generate the markets from this generator profile instead of reading an export.
    public var profile: String?
    /// With a profile: markets 1...M (the generator's seeds).
    public var markets = 1
    public var scale = 1.0
    public var policyPath: String
    public var vary: [String]
    public var seeds = 1
    public var outPath: String
    public var shard: Shard?
    public var htmlPath: String?
    /// The grid point every other is compared with, as `KEY=VALUE` per knob (nil: the first point).
    public var baseline: [String] = []
    /// No progress on stderr.
    public var quiet = true

    public init(exports: [String], policyPath: String, vary: [String], outPath: String) {
        self.exports = exports
        self.policyPath = policyPath
        self.vary = vary
        self.outPath = outPath
    }

    /// The most scenarios (grid points times seeds) one sweep may have.
    public static let maximumScenarios = 1_000_000

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
        if let htmlPath { try OwnFile.page.requireReplaceable(htmlPath, option: "--html", inputs: exports + [policyPath]) }
        let progress = Progress(quiet: quiet)
        let source = MarketSource(exports: exports, profile: profile, markets: markets, scale: scale)
        _ = try source.generator()
        progress.begin("read policy")
        let base = try PolicyFile.load(policyPath).get()
        let knobs = try vary.map { text in
            do { return try PolicyKnob.parse(text, for: base).get() } catch { throw CommandFailure.usage("--vary \(text): \(error)") }
        }
        guard !knobs.isEmpty, seeds >= 1 else { throw CommandFailure.usage("give at least one --vary KEY=FROM:TO:STEP") }
        // The grid is built in memory: bound it before building it.
        let planned = knobs.reduce(Double(seeds * markets)) { $0 * Double($1.values.count) }
        guard planned <= Double(SweepCommand.maximumScenarios) else {
            throw CommandFailure.usage("the grid has \(Int(planned.rounded())) scenarios with the markets and seeds, more than \(SweepCommand.maximumScenarios); split it into several sweeps")
        }
        let points = knobs.reduce([[Double]]([[]])) { grid, knob in grid.flatMap { p in knob.values.map { p + [$0] } } }
        let total = points.count * markets * seeds
        let baselineName = SweepCommand.pointName(knobs: knobs.map(\.key), try baselinePoint(knobs, points))
        let mine = shard.items(of: total)
        let seeds = self.seeds, markets = self.markets
        var rows = Array(repeating: "", count: mine.count), longRows = rows
        var groupNames: [String] = []
        for m in 1...markets {
            // This shard's scenarios on market m, as positions in `mine`.
            let here = mine.indices.filter { (mine[$0] / seeds) % markets == m - 1 }
            guard !here.isEmpty else { continue }
            let market = try source.load(m, policies: [policyPath], progress: progress).market
            let groups = ResearchGroups(market, base)
            groupNames = groups.names
            // Eligibility once per market: knobs that leave it alone reuse it in every scenario.
            // And the base policy's ranking once for every seed: knobs that change the ranking rank afresh.
            let prepared = PreparedBatch(market: market, policy: base).sharingRanking(of: base)
            let results = ConcurrentResults<(String, String)>(count: here.count)
            progress.begin((markets > 1 ? "market \(m)/\(markets): " : "") + "\(here.count) scenario(s)")
            let finished = ProgressCounter(progress, total: here.count)
            DispatchQueue.concurrentPerform(iterations: here.count) { k in
                let index = mine[here[k]]
                let point = points[index / (seeds * markets)], seed = UInt64(index % seeds + 1)
                var policy = base
                for (knob, value) in zip(knobs, point) { _ = knob.apply(value, to: &policy) }
                policy.seed = seed
                let outcome = ScenarioOutcome(market, Allocator.allocate(prepared, policy), groups)
                results.set(k, (SweepCommand.row(index: index, point: point, market: m, seed: seed, outcome),
                                SweepCommand.longRows(index: index, knobs: knobs.map(\.key), point: point, market: m, seed: seed, outcome)))
                finished.add()
            }
            for (k, row) in results.all.enumerated() { (rows[here[k]], longRows[here[k]]) = row }
        }
        progress.begin("write outputs")
        if groupNames.isEmpty { groupNames = ResearchGroups.names(for: base) }
        let header = CSVText.line(["scenario"] + knobs.map(\.key) + ["market", "seed", "lettings"]
            + groupNames.flatMap { ["\($0)_lettings", "\($0)_share", "\($0)_success_rate"] })
        var summary = SweepSummary(exports: exports, policy: policyPath, vary: vary, seeds: seeds, scenarios: total,
                                   shard: shard?.description)
        if let profile { summary.markets = "\(markets) generated \(profile) market(s), scale \(scale)" }
        summary.policyName = base.name
        summary.thuis = ThuisVersion.current
        summary.policySHA256 = try Fingerprint.sha256(files: [policyPath])
        summary.exportSHA256 = try exports.map { try Fingerprint.sha256(files: [$0]) }
        summary.group = base.quotas.first { $0.kind == .floor }?.group ?? "priority"
        summary.baseline = baselineName
        let csv = header + rows.joined()
        let measures = Array((SweepCommand.measuresHeader + longRows.joined()).utf8)
        var files = [("sweep.csv", Array(csv.utf8)), ("measures.csv", measures)]
        // The paired differences need every scenario: a shard leaves them to merge.
        let differences = shard == nil ? try MergeCommand.differences(measures, file: outPath + "/measures.csv", summary) : nil
        if let differences { files.append(("differences.csv", Array(differences.csv().utf8))) }
        files.append(("summary.json", Array(try summary.json().utf8)))
        if htmlPath != nil, shard != nil { throw CommandFailure.usage("a shard has part of the grid: give --html to thuis merge, which joins the shards") }
        try OutputFolder.commit(files, to: outPath)
        if let htmlPath {
            try AtomicFile.write(try MergeCommand.page(Array(csv.utf8), file: "sweep.csv", kind: "sweep.csv", summary, differences: differences), to: htmlPath)
        }
        progress.finish()
        var text = ""
        if let differences {
            // The answer on stdout: every grid point's success rates with intervals, and the change from the baseline, paired.
            let group = summary.group ?? "priority"
            let points = (try? SweepPage.points(csv: csv, knobs: knobs.map(\.key), group: group)) ?? []
            text += "grid point".padding(toLength: 40, withPad: " ", startingAt: 0) + "\(group) success".padding(toLength: 26, withPad: " ", startingAt: 0)
                + "regular success".padding(toLength: 24, withPad: " ", startingAt: 0) + "regular, against \(differences.baseline) (paired)\n"
            for p in points {
                let name = SweepCommand.pointName(knobs: knobs.map(\.key), p.values)
                func cell(_ e: Estimate) -> String { String(format: "%.2f%% (%.2f-%.2f)", e.mean * 100, e.low * 100, e.high * 100) }
                let d = differences.rows.first { $0.point == name && $0.municipality == "region" && $0.group == "regular" && $0.measure == "success_rate" }
                text += name.padding(toLength: 40, withPad: " ", startingAt: 0) + cell(p.groupSuccess).padding(toLength: 26, withPad: " ", startingAt: 0)
                    + cell(p.regularSuccess).padding(toLength: 24, withPad: " ", startingAt: 0)
                    + (d.map { String(format: "%+.2f (%+.2f to %+.2f)", $0.difference.mean * 100, $0.difference.low * 100, $0.difference.high * 100) } ?? "baseline") + "\n"
            }
            text += "\n"
        }
        return CommandOutcome(exit: .ok, stdout: text + "\(mine.count) of \(total) scenario(s) (\(points.count) grid point(s) x \(markets) market(s) x \(seeds) seed(s)) written to \(outPath)/" + files.map(\.0).joined(separator: ", ") + "\n")
    }

    static let measuresHeader = CSVText.line(["scenario", "point", "market", "seed", "municipality", "group", "measure", "value"])

    /// A grid point's name, as measures.csv and differences.csv write it: `KEY=VALUE KEY=VALUE`.
    static func pointName(knobs: [String], _ point: [Double]) -> String {
        zip(knobs, point).map { "\($0)=\(String(format: "%g", $1))" }.joined(separator: " ")
    }

    /// The grid point `--baseline` names (every knob given once, at one of its grid values), or the first.
    func baselinePoint(_ knobs: [PolicyKnob], _ points: [[Double]]) throws -> [Double] {
        guard !baseline.isEmpty else { return points[0] }
        var wanted: [String: Double] = [:]
        for item in baseline {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = Double(parts[1]), knobs.contains(where: { $0.key == parts[0] }), wanted[parts[0]] == nil else {
                throw CommandFailure.usage("--baseline \(item): give KEY=VALUE for a knob of --vary, each once")
            }
            wanted[parts[0]] = value
        }
        guard wanted.count == knobs.count,
              let point = points.first(where: { p in zip(knobs, p).allSatisfy { abs(wanted[$0.key]! - $1) < 1e-9 } }) else {
            throw CommandFailure.usage("--baseline names no grid point: give every knob of --vary at one of its grid values")
        }
        return point
    }

    /// measures.csv's rows of one scenario: one per area (`region`, then each municipality), group
    /// and measure, with stable columns whatever the knobs and groups (`point`: ``pointName(knobs:_:)``).
    static func longRows(index: Int, knobs: [String], point: [Double], market: Int, seed: UInt64, _ outcome: ScenarioOutcome) -> String {
        let name = pointName(knobs: knobs, point)
        var out = ""
        for (area, groups) in [("region", outcome.groups)] + outcome.municipalities.map({ ($0.area, $0.groups) }) {
            for g in groups {
                let spread = g.dissimilarity.map { [("dissimilarity", String(format: "%.6f", $0))] } ?? []
                for (measure, value) in [("seekers", String(g.seekers)), ("lettings", String(g.lettings)), ("share", String(format: "%.6f", g.share)),
                                         ("success_rate", String(format: "%.6f", g.successRate))] + spread {
                    out += CSVText.line(["\(index)", name, "\(market)", "\(seed)", area, g.group, measure, value])
                }
            }
        }
        return out
    }

    static func row(index: Int, point: [Double], market: Int, seed: UInt64, _ outcome: ScenarioOutcome) -> String {
        func f(_ v: Double) -> String { String(format: "%.6f", v) }
        return CSVText.line(["\(index)"] + point.map { String(format: "%g", $0) } + ["\(market)", "\(seed)", "\(outcome.lettings)"]
            + outcome.groups.flatMap { ["\($0.lettings)", f($0.share), f($0.successRate)] })
    }
}

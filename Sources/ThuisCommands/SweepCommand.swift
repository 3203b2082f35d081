import Foundation
import ThuisCore
import ThuisPolicyFile
import ThuisReports
import ThuisResearch

/// `thuis sweep --export FILE --policy BASE.toml --vary KEY=FROM:TO:STEP [--vary ...] --seeds N
/// --out DIR [--shard I/N] [--html FILE]`: a grid of scenarios, one CSV row per scenario and seed.
///
/// Scenarios are numbered in grid order (the first `--vary` slowest), seeds innermost; shard
/// `I/N` takes the scenarios whose number leaves remainder `I` when divided by `N`, so shards are
/// disjoint and `thuis merge` joins them into exactly the single-process result. The export is
/// read once; scenarios run on all cores.
public struct SweepCommand: ThuisCommand {
    public var exports: [String]
    public var policyPath: String
    public var vary: [String]
    public var seeds = 1
    public var outPath: String
    public var shard: Shard?
    public var htmlPath: String?
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
        if let htmlPath { try OutputFolder.requirePath(htmlPath, option: "--html") }
        let progress = Progress(quiet: quiet)
        let input = try BatchInput.load(exports: exports, policies: [policyPath], progress: progress)
        let market = input.market, base = input.policy
        let knobs = try vary.map { text in
            do { return try PolicyKnob.parse(text, for: base).get() } catch { throw CommandFailure.usage("--vary \(text): \(error)") }
        }
        guard !knobs.isEmpty, seeds >= 1 else { throw CommandFailure.usage("give at least one --vary KEY=FROM:TO:STEP") }
        // The grid is built in memory: bound it before building it.
        let planned = knobs.reduce(Double(seeds)) { $0 * Double($1.values.count) }
        guard planned <= Double(SweepCommand.maximumScenarios) else {
            throw CommandFailure.usage("the grid has \(Int(planned.rounded())) scenarios with the seeds, more than \(SweepCommand.maximumScenarios); split it into several sweeps")
        }
        let points = knobs.reduce([[Double]]([[]])) { grid, knob in grid.flatMap { p in knob.values.map { p + [$0] } } }
        let total = points.count * seeds
        let mine = shard.items(of: total)
        let groups = ResearchGroups(market, base)
        // Eligibility once: knobs that leave it alone reuse it in every scenario.
        let prepared = PreparedBatch(market: market, policy: base)
        let results = ConcurrentResults<String>(count: mine.count)
        let seeds = self.seeds
        progress.begin("\(mine.count) scenario(s)")
        let finished = ProgressCounter(progress, total: mine.count)
        DispatchQueue.concurrentPerform(iterations: mine.count) { k in
            let index = mine[k]
            let point = points[index / seeds], seed = UInt64(index % seeds + 1)
            var policy = base
            for (knob, value) in zip(knobs, point) { _ = knob.apply(value, to: &policy) }
            policy.seed = seed
            let outcome = ScenarioOutcome(market, Allocator.allocate(prepared, policy), groups)
            results.set(k, SweepCommand.row(index: index, point: point, seed: seed, outcome))
            finished.add()
        }
        progress.begin("write outputs")
        let rows = results.all
        let header = CSVText.line(["scenario"] + knobs.map(\.key) + ["seed", "lettings"]
            + groups.names.flatMap { ["\($0)_lettings", "\($0)_share", "\($0)_success_rate"] })
        var summary = SweepSummary(exports: exports, policy: policyPath, vary: vary, seeds: seeds, scenarios: total,
                                   shard: shard?.description)
        summary.policyName = base.name
        summary.thuis = ThuisVersion.current
        summary.policySHA256 = try Fingerprint.sha256(files: [policyPath])
        summary.exportSHA256 = try exports.map { try Fingerprint.sha256(files: [$0]) }
        summary.group = base.quotas.first { $0.kind == .floor }?.group ?? "priority"
        let csv = header + rows.joined()
        try OutputFolder.commit([("sweep.csv", Array(csv.utf8)), ("summary.json", Array(summary.json().utf8))], to: outPath)
        if let htmlPath {
            if shard != nil { throw CommandFailure.usage("a shard has part of the grid: give --html to thuis merge, which joins the shards") }
            try AtomicFile.write(try MergeCommand.page(Array(csv.utf8), file: "sweep.csv", kind: "sweep.csv", summary), to: htmlPath)
        }
        progress.finish()
        return CommandOutcome(exit: .ok, stdout: "\(mine.count) of \(total) scenario(s) (\(points.count) grid point(s) x \(seeds) seed(s)) written to \(outPath)/sweep.csv\n")
    }

    static func row(index: Int, point: [Double], seed: UInt64, _ outcome: ScenarioOutcome) -> String {
        func f(_ v: Double) -> String { String(format: "%.6f", v) }
        return CSVText.line(["\(index)"] + point.map { String(format: "%g", $0) } + ["\(seed)", "\(outcome.lettings)"]
            + outcome.groups.flatMap { ["\($0.lettings)", f($0.share), f($0.successRate)] })
    }
}

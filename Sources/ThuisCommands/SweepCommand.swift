import Foundation
import ThuisCore
import ThuisReports

/// `thuis sweep --export FILE --policy BASE.toml --vary KEY=FROM:TO:STEP [--vary ...] --seeds N
/// --out DIR [--shard I/N] [--html FILE]`: a grid of scenarios, one CSV row per scenario and seed.
///
/// Scenarios are numbered in grid order (the first `--vary` slowest), seeds innermost; shard
/// `I/N` takes the scenarios whose number leaves remainder `I` when divided by `N`, so shards are
/// disjoint and `thuis merge` joins them into exactly the single-process result. The export is
/// read once; scenarios run on all cores.
public struct SweepCommand: Sendable {
    public var exports: [String]
    public var policyPath: String
    public var vary: [String]
    public var seeds = 1
    public var outPath: String
    public var shard: (index: Int, count: Int)?
    public var htmlPath: String?

    public init(exports: [String], policyPath: String, vary: [String], outPath: String) {
        self.exports = exports
        self.policyPath = policyPath
        self.vary = vary
        self.outPath = outPath
    }

    public func run() -> CommandOutcome {
        var reading = AllocateCommand(exports: exports, policyPath: policyPath, outPath: outPath)
        reading.ledgerPath = nil
        let (market, base): (Market, Policy)
        switch reading.prepare() {
        case .failure(let outcome): return outcome
        case .success(let pair): (market, base) = pair
        }
        var knobs: [PolicyKnob] = []
        for text in vary {
            switch PolicyKnob.parse(text, for: base) {
            case .success(let knob): knobs.append(knob)
            case .failure(let reason): return CommandOutcome(exit: .usage, stderr: Diagnostic.error(.usage, "--vary \(text): \(reason)", at: nil).description + "\n")
            }
        }
        guard !knobs.isEmpty, seeds >= 1 else {
            return CommandOutcome(exit: .usage, stderr: Diagnostic.error(.usage, "give at least one --vary KEY=FROM:TO:STEP", at: nil).description + "\n")
        }
        let knobList = knobs
        let points = knobList.reduce([[Double]]([[]])) { grid, knob in grid.flatMap { p in knob.values.map { p + [$0] } } }
        let total = points.count * seeds
        let mine = (0..<total).filter { shard == nil || $0 % shard!.count == shard!.index }
        let groups = ResearchGroups(market, base)
        // Eligibility once: knobs that leave it alone reuse it in every scenario.
        let prepared = PreparedBatch(market: market, policy: base)
        let results = Rows(count: mine.count)
        let seeds = self.seeds
        DispatchQueue.concurrentPerform(iterations: mine.count) { k in
            let index = mine[k]
            let point = points[index / seeds], seed = UInt64(index % seeds + 1)
            var policy = base
            for (knob, value) in zip(knobList, point) { _ = knob.apply(value, to: &policy) }
            policy.seed = seed
            let outcome = ScenarioOutcome(market, Allocator.allocate(prepared, policy), groups)
            results.set(k, SweepCommand.row(index: index, point: point, seed: seed, outcome))
        }
        let rows = results.all
        let header = CSVText.line(["scenario"] + knobs.map(\.key) + ["seed", "lettings"]
            + groups.names.flatMap { ["\($0)_lettings", "\($0)_share", "\($0)_success_rate"] })
        let summary = SweepSummary(exports: exports, policy: policyPath, vary: vary, seeds: seeds, scenarios: total,
                                   shard: shard.map { "\($0.index)/\($0.count)" })
        let csv = header + rows.joined()
        do {
            try OutputFolder.commit([("sweep.csv", Array(csv.utf8)), ("summary.json", Array(summary.json().utf8))], to: outPath)
            if let htmlPath { try AtomicFile.write(SweepPage.html(csv: csv, knobs: knobs.map(\.key), base: base), to: htmlPath) }
        } catch {
            return CommandOutcome(exit: .cannotCreate, stderr: Diagnostic.error(.cannotCreateOutput, "\(error)", at: nil).description + "\n")
        }
        return CommandOutcome(exit: .ok, stdout: "\(mine.count) of \(total) scenario(s) (\(points.count) grid point(s) x \(seeds) seed(s)) written to \(outPath)/sweep.csv\n")
    }

    static func row(index: Int, point: [Double], seed: UInt64, _ outcome: ScenarioOutcome) -> String {
        func f(_ v: Double) -> String { String(format: "%.6f", v) }
        return CSVText.line(["\(index)"] + point.map { String(format: "%g", $0) } + ["\(seed)", "\(outcome.lettings)"]
            + outcome.groups.flatMap { ["\($0.lettings)", f($0.share), f($0.successRate)] })
    }
}

/// What a sweep (or a shard of one) was run with; shards of one sweep agree on all but `shard`.
public struct SweepSummary: Codable, Sendable, Equatable {
    public var exports: [String]
    public var policy: String
    public var vary: [String]
    public var seeds: Int
    public var scenarios: Int
    public var shard: String?

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}

/// `thuis merge --out DIR SHARD...`: joins the shard outputs of one sweep (`sweep.csv`) or one
/// multi-seed simulation (`runs.csv`) into the single-process result.
public struct MergeCommand: Sendable {
    public var shards: [String]
    public var outPath: String

    public init(shards: [String], outPath: String) {
        self.shards = shards
        self.outPath = outPath
    }

    public func run() -> CommandOutcome {
        var header: String?, summary: SweepSummary?, rows: [(Int, String)] = []
        let name = shards.first.map { FileManager.default.fileExists(atPath: URL(fileURLWithPath: $0).appendingPathComponent("runs.csv").path) } == true
            ? "runs.csv" : "sweep.csv"
        for folder in shards {
            let url = URL(fileURLWithPath: folder)
            guard let csvData = FileManager.default.contents(atPath: url.appendingPathComponent(name).path),
                  let summaryData = FileManager.default.contents(atPath: url.appendingPathComponent("summary.json").path),
                  var shardSummary = try? JSONDecoder().decode(SweepSummary.self, from: summaryData) else {
                return CommandOutcome(exit: .noInput, stderr: Diagnostic.error(.fileNotFound, "\(folder) is not the output of thuis sweep or simulate --seeds", at: nil).description + "\n")
            }
            shardSummary.shard = nil
            if let summary, summary != shardSummary {
                return CommandOutcome(exit: .dataError, stderr: Diagnostic.error(.batchMismatch, "\(folder) is a shard of another sweep", at: nil).description + "\n")
            }
            summary = shardSummary
            let lines = String(decoding: csvData, as: UTF8.self).split(separator: "\n").map { String($0) + "\n" }
            guard let first = lines.first, header == nil || header == first else {
                return CommandOutcome(exit: .dataError, stderr: Diagnostic.error(.batchMismatch, "\(folder) has other columns", at: nil).description + "\n")
            }
            header = first
            for line in lines.dropFirst() {
                guard let index = Int(line.prefix { $0 != "," }) else { continue }
                rows.append((index, line))
            }
        }
        guard let header, let summary else {
            return CommandOutcome(exit: .usage, stderr: Diagnostic.error(.usage, "give the shard folders to merge", at: nil).description + "\n")
        }
        // Stable: a scenario's rows (one per group in runs.csv) keep their order.
        rows = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        var indices: [Int] = []
        for (index, _) in rows where indices.last != index { indices.append(index) }
        guard indices == Array(0..<summary.scenarios), Set(indices).count == indices.count else {
            return CommandOutcome(exit: .dataError, stderr: Diagnostic.error(.missingField, "the shards hold \(indices.count) of \(summary.scenarios) scenarios, or some twice", at: nil).description + "\n")
        }
        do {
            try OutputFolder.commit([(name, Array((header + rows.map(\.1).joined()).utf8)), ("summary.json", Array(summary.json().utf8))], to: outPath)
        } catch {
            return CommandOutcome(exit: .cannotCreate, stderr: Diagnostic.error(.cannotCreateOutput, "\(error)", at: nil).description + "\n")
        }
        return CommandOutcome(exit: .ok, stdout: "Merged \(shards.count) shard(s): \(indices.count) scenario(s) written to \(outPath)/\(name)\n")
    }
}

/// Rows filled in by concurrent scenarios, each in its own place.
private final class Rows: @unchecked Sendable {
    private var rows: [String]
    private let lock = NSLock()
    init(count: Int) { rows = Array(repeating: "", count: count) }
    func set(_ i: Int, _ row: String) {
        lock.lock()
        rows[i] = row
        lock.unlock()
    }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return rows }
}

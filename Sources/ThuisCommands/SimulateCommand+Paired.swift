import Foundation
import ThuisCore
import ThuisPolicyFile
import ThuisReports
import ThuisResearch

extension SimulateCommand {
    /// A measure of a simulated year that two policies are compared on: its name in the files, and
    /// how it is read from a group's figures (nil where the year has none, e.g. a median not reached).
    struct PairedMeasure: Sendable {
        var name: String
        var range: ClosedRange<Double>
        var value: @Sendable (SimulationResult, SimulationResult.GroupFigures) -> Double?
    }

    static let pairedMeasures: [PairedMeasure] = [
        PairedMeasure(name: "success_rate", range: 0...1) { _, g in g.successRate },
        PairedMeasure(name: "share_of_lettings", range: 0...1) { _, g in g.share },
        PairedMeasure(name: "housed", range: 0...Double.greatestFiniteMagnitude) { _, g in Double(g.housed) },
        PairedMeasure(name: "dissimilarity", range: 0...1) { _, g in g.dissimilarity },
        PairedMeasure(name: "time_to_housing_median_days", range: 0...Double.greatestFiniteMagnitude) { r, g in
            r.timeToHousing.first { $0.municipality == "region" && $0.group == g.group }?.median[0].map(Double.init)
        },
        PairedMeasure(name: "time_to_housing_restricted_mean_days", range: 0...Double.greatestFiniteMagnitude) { r, g in
            r.timeToHousing.first { $0.municipality == "region" && $0.group == g.group }?.restrictedMean
        },
    ]

    /// `simulate --policy A --policy B`: both policies on the same simulated markets and lottery
    /// seeds (common random numbers: the same seeds draw the same arrivals, adverts and reactions
    /// until the policies' different lettings make the years part), and per group and measure B − A
    /// paired by run, with a Student-t interval over the paired replications (the markets' means
    /// with several markets, else the seeds).
    func runPaired(_ base: SimulationSettings, _ a: Policy, _ b: Policy) throws -> CommandOutcome {
        let total = markets * seeds
        let markets = self.markets, seeds = self.seeds, horizon = self.horizon
        @Sendable func run(_ k: Int) -> (market: Int, seed: Int) { markets > 1 ? (k / seeds + 1, k % seeds + 1) : (k + 1, k + 1) }
        let progress = Progress(quiet: quiet)
        progress.begin("simulate \(total) year(s) x 2 policies")
        let finished = ProgressCounter(progress, total: 2 * total)
        let results = ConcurrentResults<SimulationResult>(count: 2 * total)
        DispatchQueue.concurrentPerform(iterations: 2 * total) { i in
            var settings = base
            let (market, seed) = run(i % total)
            settings.seed = UInt64(market)
            if markets > 1 { settings.lotterySeed = UInt64(seed) }
            var simulation = Simulation(settings: settings, policy: i < total ? a : b)
            results.set(i, simulation.run(horizon: horizon))
            finished.add()
        }
        progress.begin("write outputs")
        let all = results.all
        let resultsA = Array(all[..<total]), resultsB = Array(all[total...])
        let labels = [a.name, b.name]
        var long = CSVText.line(["policy", "market", "seed", "group", "measure", "value"])
        for (label, list) in zip(labels, [resultsA, resultsB]) {
            for (k, result) in list.enumerated() {
                let (market, seed) = run(k)
                for g in result.groups {
                    for measure in Self.pairedMeasures {
                        guard let value = measure.value(result, g) else { continue }
                        long += CSVText.line([label, "\(market)", "\(seed)", g.group, measure.name, Self.measureText(measure.name, value)])
                    }
                }
            }
        }
        var differences = CSVText.line(["group", "measure", "replications", "a", "a_low", "a_high", "b", "b_low", "b_high",
                                        "difference", "difference_low", "difference_high"])
        var table: [(group: String, measure: String, a: Estimate, b: Estimate, d: Estimate)] = []
        let groups = resultsA[0].groups.map(\.group)
        for group in groups {
            for measure in Self.pairedMeasures {
                // Per run: A's and B's value where both have one; then by market when there are several.
                var perMarket: [Int: [(Double, Double)]] = [:]
                for k in 0..<total {
                    guard let ga = resultsA[k].groups.first(where: { $0.group == group }), let gb = resultsB[k].groups.first(where: { $0.group == group }),
                          let va = measure.value(resultsA[k], ga), let vb = measure.value(resultsB[k], gb) else { continue }
                    perMarket[markets > 1 ? run(k).market : k, default: []].append((va, vb))
                }
                guard !perMarket.isEmpty else { continue }
                let pairs = perMarket.keys.sorted().map { key -> (Double, Double) in
                    let list = perMarket[key]!
                    return (list.reduce(0) { $0 + $1.0 } / Double(list.count), list.reduce(0) { $0 + $1.1 } / Double(list.count))
                }
                let width = measure.range.upperBound - measure.range.lowerBound
                let ea = Estimate(pairs.map(\.0), range: measure.range), eb = Estimate(pairs.map(\.1), range: measure.range)
                let ed = Estimate(pairs.map { $0.1 - $0.0 }, range: -width...width)
                table.append((group, measure.name, ea, eb, ed))
                differences += CSVText.line([group, measure.name, "\(ed.replications)"]
                    + [ea, eb, ed].flatMap { [ComparisonReport.number($0.mean), ComparisonReport.number($0.low), ComparisonReport.number($0.high)] })
            }
        }
        var summary = SweepSummary(exports: [], policy: policyPath, vary: ["profile=\(profile)", "days=\(days)", "scale=\(scale)"],
                                   seeds: seeds, scenarios: total, shard: nil)
        if markets > 1 { summary.markets = "\(markets) simulated market(s), each under every lottery seed" }
        summary.policyName = "\(a.name) versus \(b.name)"
        summary.thuis = ThuisVersion.current
        summary.policySHA256 = try Fingerprint.sha256(files: [policyPath])
        try OutputFolder.commit([("differences.csv", Array(differences.utf8)), ("measures.csv", Array(long.utf8)),
                                 ("summary.json", Array(summary.json().utf8))], to: outPath)
        let n = table.first?.d.replications ?? 0
        var text = "A: \(a.name)\nB: \(b.name)\n\(total) simulated year(s) of \(days) days per policy, paired by "
            + (markets > 1 ? "market and lottery seed; intervals over the \(markets) markets (n = \(n))\n\n" : "seed; intervals over the seeds (n = \(n))\n\n")
        text += "group".padding(toLength: 18, withPad: " ", startingAt: 0) + "measure".padding(toLength: 38, withPad: " ", startingAt: 0)
            + "A".padding(toLength: 12, withPad: " ", startingAt: 0) + "B".padding(toLength: 12, withPad: " ", startingAt: 0) + "B - A, paired (95%)\n"
        for row in table where row.measure == "success_rate" || row.measure.hasPrefix("time_to_housing") {
            let scale = row.measure == "success_rate" ? 100.0 : 1 / 365.25
            let unit = row.measure == "success_rate" ? "%" : " y"
            func show(_ v: Double) -> String { String(format: "%.2f", v * scale) + unit }
            func signed(_ v: Double) -> String { String(format: "%+.2f", v * scale) }
            text += row.group.padding(toLength: 18, withPad: " ", startingAt: 0) + row.measure.padding(toLength: 38, withPad: " ", startingAt: 0)
                + show(row.a.mean).padding(toLength: 12, withPad: " ", startingAt: 0) + show(row.b.mean).padding(toLength: 12, withPad: " ", startingAt: 0)
                + signed(row.d.mean) + (row.d.replications > 1 ? " (\(signed(row.d.low)) to \(signed(row.d.high)))" : "") + "\n"
        }
        if let htmlPath {
            try AtomicFile.write(SimulationPage.pairedHTML(title: "\(a.name) versus \(b.name): simulated years (\(profile), \(days) days)",
                                                           description: text.split(separator: "\n").prefix(3).joined(separator: " "),
                                                           rows: table.map { ($0.group, $0.measure, $0.a, $0.b, $0.d) }), to: htmlPath)
        }
        progress.finish()
        return CommandOutcome(exit: .ok, stdout: text + "\nWrote differences.csv, measures.csv, summary.json to \(outPath)\n")
    }

    /// A measure's value as measures.csv writes it: counts and days whole, rates with six decimals.
    static func measureText(_ name: String, _ value: Double) -> String {
        switch name {
        case "success_rate", "share_of_lettings", "dissimilarity": String(format: "%.6f", value)
        case "time_to_housing_restricted_mean_days": String(format: "%.2f", value)
        default: String(Int(value))
        }
    }
}

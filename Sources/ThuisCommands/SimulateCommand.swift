import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports
import ThuisResearch

/// `thuis simulate --profile region --days 365 --policy P.toml --seed N --out DIR [--html FILE]`.
public struct SimulateCommand: ThuisCommand {
    public var profile: String
    public var days = 365
    public var scale = 1.0
    public var policyPath: String
    /// A second policy (`--policy A --policy B`): both on the same markets and seeds, paired.
    public var otherPolicyPath: String?
    public var seed: UInt64 = 1
    public var outPath: String
    public var htmlPath: String?
    public var acceptance: Double?
    public var acceptanceDecay: Double?
    public var quiet = true
    /// Repeat the year for seeds 1...N (one row per seed and group in `runs.csv`).
    public var seeds = 1
    /// Markets 1...M crossed with the seeds: the market's seed (registrations, adverts,
    /// reactions) apart from the lottery's (each night's lottery and the acceptance of offers).
    /// With 1, each seed draws its own market and lottery from one stream.
    public var markets = 1
    public var shard: Shard?
    /// Keep the simulated nights in this ledger (nil: in memory).
    public var ledgerPath: String?
    /// The horizon of the restricted mean time to housing, in days.
    public var horizon = SimulationResult.defaultHorizon

    public init(profile: String, policyPath: String, outPath: String) {
        self.profile = profile
        self.policyPath = policyPath
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        guard var settings = SimulationSettings.profile(profile, scale: scale) else {
            throw CommandFailure.usage("--profile is nightly or region")
        }
        try OutputFolder.requirePath(outPath)
        if let htmlPath {
            try OwnFile.page.requireReplaceable(htmlPath, option: "--html", inputs: [policyPath] + (otherPolicyPath.map { [$0] } ?? []) + (ledgerPath.map { [$0] } ?? []))
        }
        let policy = try PolicyFile.load(policyPath).get()
        settings.days = days
        settings.seed = seed
        if let acceptance { settings.acceptance = acceptance }
        if let acceptanceDecay { settings.acceptanceDecay = acceptanceDecay }
        if shard != nil && htmlPath != nil {
            throw CommandFailure.usage("a shard has part of the seeds: give --html to thuis merge, which joins the shards")
        }
        guard markets >= 1 else { throw CommandFailure.usage("--markets is at least 1") }
        if let otherPolicyPath {
            guard shard == nil, ledgerPath == nil else {
                throw CommandFailure.usage("two policies run every year in one process, in memory: give --shard and --ledger to a single policy")
            }
            return try runPaired(settings, policy, try PolicyFile.load(otherPolicyPath).get())
        }
        if seeds > 1 || markets > 1 || shard != nil { return try runSeeds(settings, policy) }
        let progress = Progress(quiet: quiet)
        progress.begin("simulate \(days) days")
        var simulation = Simulation(settings: settings, policy: policy)
        if let ledgerPath {
            simulation.keeper = try SimulateCommand.keeper(ledgerPath, policy: policy, seed: seed)
        }
        let result = simulation.run(horizon: horizon) { progress.update($0) }
        // A ledger that failed mid-year leaves no simulated year to report.
        if let error = simulation.keeperError { throw error }
        progress.finish()
        var csv = CSVText.line(["municipality", "group", "households", "housed", "left", "still_searching", "refused_offers", "success_rate", "share_of_lettings",
                                "waiting_p10", "waiting_p25", "waiting_p50", "waiting_p75", "waiting_p90",
                                "search_p10", "search_p25", "search_p50", "search_p75", "search_p90"])
        for (area, groups) in [("region", result.groups)] + result.municipalities.map({ ($0.municipality, $0.groups) }) {
            for g in groups {
                let waiting = g.waitingYears.isEmpty ? Array(repeating: "", count: 5) : g.waitingYears.map { String($0) }
                let search = g.searchYears.isEmpty ? Array(repeating: "", count: 5) : g.searchYears.map { String($0) }
                csv += CSVText.line([area, g.group, "\(g.households)", "\(g.housed)", "\(g.left)", "\(g.stillSearching)", "\(g.refusedOffers)",
                                     String(format: "%.6f", g.successRate), String(format: "%.6f", g.share)] + waiting + search)
            }
        }
        var histogram = CSVText.line(["group"] + (0..<16).map { $0 == 15 ? "15+" : "\($0)" })
        for g in result.groups { histogram += CSVText.line([g.group] + g.waitingHistogram.map(String.init)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(result), as: UTF8.self) + "\n"
        try OutputFolder.commit([("groups.csv", Array(csv.utf8)), ("waiting-histogram.csv", Array(histogram.utf8)),
                                 ("time-to-housing.csv", Array(SimulateCommand.timeToHousingCSV(result).utf8)),
                                 ("survival.csv", Array(SimulateCommand.survivalCSV(result).utf8)),
                                 ("households.csv", Array(SimulateCommand.householdsCSV(result).utf8)),
                                 ("summary.json", Array(json.utf8))], to: outPath)
        if let htmlPath {
            try AtomicFile.write(SimulationPage.html(result, title: "\(policy.name): \(days) simulated days (\(profile), seed \(seed))"), to: htmlPath)
        }
        var text = "\(policy.name): \(days) days, \(result.lettings) lettings, \(result.refusals) refused offers\n\n"
        text += "group        households   housed  refused  success  share  median wait  median search\n"
        for g in result.groups where g.households > 0 {
            text += g.group.padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: " %10d %8d %8d %7.1f%% %5.1f%%", g.households, g.housed, g.refusedOffers, g.successRate * 100, g.share * 100)
                + (g.waitingYears.count == 5 ? String(format: " %9.1f y %11.2f y", g.waitingYears[2], g.searchYears[2]) : "")
                + "\n"
        }
        text += "\nTime to housing from registration (Kaplan-Meier; those who left or still wait censored), years with 95% intervals:\n"
        text += "group              housed/households   25% housed by          half housed by         mean of first \(String(format: "%g", (Double(horizon) / 365.25 * 10).rounded() / 10)) y unhoused\n"
        for t in result.timeToHousing where t.municipality == "region" {
            text += t.group.padding(toLength: 19, withPad: " ", startingAt: 0)
                + "\(t.housed)/\(t.households)".padding(toLength: 20, withPad: " ", startingAt: 0)
                + SimulateCommand.years(t.p25).padding(toLength: 23, withPad: " ", startingAt: 0)
                + SimulateCommand.years(t.median).padding(toLength: 23, withPad: " ", startingAt: 0)
                + (t.restrictedMean.map { String(format: "%.2f y", $0 / 365.25) } ?? String(format: "- (observed to %.1f y)", Double(t.identifiedUntil) / 365.25)) + "\n"
        }
        return CommandOutcome(exit: .ok, stdout: text + "\nWrote groups.csv, waiting-histogram.csv, time-to-housing.csv, survival.csv, households.csv, summary.json to \(outPath)\n")
    }
}

extension SimulateCommand {
    /// Several simulated years summed up per group: groups.csv (means with 95% intervals over the
    /// replications: runs, or markets when `replication` groups runs by market), the waiting-time
    /// histogram summed over the runs (households as counted), and the stdout table.
    static func aggregate(_ results: [SimulationResult], replication: [Int]) -> (groups: String, histogram: String, table: String) {
        var groups = CSVText.line(["group", "runs", "replications", "households", "housed", "success_rate", "success_rate_low", "success_rate_high",
                                   "share_of_lettings", "share_of_lettings_low", "share_of_lettings_high",
                                   "waiting_p10", "waiting_p25", "waiting_p50", "waiting_p75", "waiting_p90",
                                   "time_to_housing_median_days", "time_to_housing_median_low", "time_to_housing_median_high",
                                   "restricted_mean_days", "restricted_mean_low", "restricted_mean_high"])
        var histogram = CSVText.line(["group"] + (0..<16).map { $0 == 15 ? "15+" : "\($0)" })
        var table = "\(results.count) simulated year(s); means with 95% intervals over \(Set(replication).count) replication(s)\n\n"
            + "group              households     success                share of lettings      half housed by (years)\n"
        /// Per replication, the mean of the runs' values (nil values left out).
        func estimate(_ values: [Double?], range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> Estimate {
            var byKey: [Int: [Double]] = [:]
            for (key, value) in zip(replication, values) { if let value { byKey[key, default: []].append(value) } }
            return Estimate(byKey.keys.sorted().map { byKey[$0]!.reduce(0, +) / Double(byKey[$0]!.count) }, range: range)
        }
        func mean(_ values: [Double]) -> String { values.isEmpty ? "" : ComparisonReport.number(values.reduce(0, +) / Double(values.count)) }
        func cells(_ e: Estimate) -> [String] { e.replications == 0 ? ["", "", ""] : [e.mean, e.low, e.high].map(ComparisonReport.number) }
        for name in results[0].groups.map(\.group) {
            let figures = results.map { r in r.groups.first { $0.group == name } }
            let times = results.map { r in r.timeToHousing.first { $0.municipality == "region" && $0.group == name } }
            let success = estimate(figures.map { $0?.successRate }, range: 0...1), share = estimate(figures.map { $0?.share }, range: 0...1)
            let median = estimate(times.map { $0?.median[0].map(Double.init) }), restricted = estimate(times.map { $0?.restrictedMean })
            let percentiles = (0..<5).map { i in mean(figures.compactMap { $0?.waitingYears.count == 5 ? $0!.waitingYears[i] : nil }) }
            groups += CSVText.line([name, "\(results.count)", "\(success.replications)", mean(figures.map { Double($0?.households ?? 0) }),
                                    mean(figures.map { Double($0?.housed ?? 0) })] + cells(success) + cells(share) + percentiles + cells(median) + cells(restricted))
            histogram += CSVText.line([name] + (0..<16).map { year in "\(figures.reduce(0) { $0 + ($1?.waitingHistogram[year] ?? 0) })" })
            func percent(_ e: Estimate) -> String { String(format: "%.1f%% (%.1f-%.1f)", e.mean * 100, e.low * 100, e.high * 100) }
            let households = figures.reduce(0.0) { $0 + Double($1?.households ?? 0) } / Double(figures.count)
            table += name.padding(toLength: 19, withPad: " ", startingAt: 0) + String(format: "%.0f", households).padding(toLength: 15, withPad: " ", startingAt: 0)
                + percent(success).padding(toLength: 23, withPad: " ", startingAt: 0) + percent(share).padding(toLength: 23, withPad: " ", startingAt: 0)
                + (median.replications > 0 ? String(format: "%.2f (%.2f-%.2f)", median.mean / 365.25, median.low / 365.25, median.high / 365.25) : "not reached") + "\n"
        }
        return (groups, histogram, table + "\n")
    }

    /// A quantile in years with its interval; "not reached" where the estimate never gets there.
    static func years(_ q: [Int?]) -> String {
        func y(_ d: Int?) -> String { d.map { String(format: "%.2f", Double($0) / 365.25) } ?? "-" }
        guard let t = q[0] else { return "not reached" }
        if q[1] == nil || q[2] == nil { return y(t) + " (" + y(q[1]) + " to " + y(q[2]) + ")" }
        return y(t) + " (" + y(q[1]) + "-" + y(q[2]) + ")"
    }

    /// `time-to-housing.csv`: per area and group, the Kaplan-Meier quantiles in days with their
    /// intervals (empty: not reached) and the restricted mean.
    static func timeToHousingCSV(_ result: SimulationResult) -> String {
        var out = CSVText.line(["municipality", "group", "households", "housed", "censored", "identified_until_days", "p25_days", "p25_low", "p25_high",
                                "median_days", "median_low", "median_high", "p75_days", "p75_low", "p75_high",
                                "restricted_mean_days", "horizon_days"])
        for t in result.timeToHousing {
            out += CSVText.line([t.municipality, t.group, "\(t.households)", "\(t.housed)", "\(t.censored)", "\(t.identifiedUntil)"]
                + (t.p25 + t.median + t.p75).map { $0.map(String.init) ?? "" } + [t.restrictedMean.map { String(format: "%.2f", $0) } ?? "", "\(t.horizon)"])
        }
        return out
    }

    /// `survival.csv`: the region's curve per group, a row per day on which some were housed.
    static func survivalCSV(_ result: SimulationResult) -> String {
        var out = CSVText.line(["group", "days", "at_risk", "housed", "survival", "survival_low", "survival_high"])
        for p in result.curves {
            out += CSVText.line([p.group, "\(p.days)", "\(p.atRisk)", "\(p.housed)", String(format: "%.6f", p.survival),
                                 String(format: "%.6f", p.low), String(format: "%.6f", p.high)])
        }
        return out
    }

    /// `households.csv`: every simulated household as the estimate saw it (synthetic: no person behind it).
    static func householdsCSV(_ result: SimulationResult) -> String {
        var out = CSVText.line(["household", "municipality", "groups", "entry_days", "exit_days", "housed"])
        for s in result.subjects {
            out += CSVText.line(["\(s.household)", s.municipality, s.groups.joined(separator: ";"), "\(s.entry)", "\(s.exit)", s.housed ? "1" : "0"])
        }
        return out
    }

    /// A ledger for the simulated nights: each night a batch with its offers (all accepted), and
    /// the period quotas and the households' offer history read back from it, as `thuis
    /// allocate` does.
    static func keeper(_ path: String, policy: Policy, seed: UInt64) throws -> LettingKeeper {
        let ledger = try Ledger(path: path, create: true)
        return LettingKeeper(
            period: { policy, day, market in
                try ledger.read { tx in
                    var state = try YearToDate.state(for: policy, on: day, in: tx)
                    state.offerHistory = try AllocateCommand.offerHistory(market, in: tx, ignoringOpenOffersOf: nil)
                    return state
                }
            },
            record: { day, night in
                let id = "sim-\(seed)-\(day)"
                let offers = night.map { OfferRow(advert: $0.advert, household: $0.household, position: nil, reservedFor: nil, letting: $0.record) }
                try ledger.transaction { tx in
                    guard try tx.batch(id) == nil else { return }
                    try tx.record(BatchRecord(id: id, peildatum: day.description, region: "Simulated", exportSHA256: "simulation",
                                              policySHA256: "simulation", seed: seed, mechanism: policy.mechanism.rawValue,
                                              thuisVersion: ThuisVersion.current, startedAt: day.description, finishedAt: day.description,
                                              adverts: night.count, lettings: night.count, summary: ""), offers: offers)
                    _ = try tx.record(offers.map { OfferOutcome(advert: $0.advert, household: $0.household, status: .allocated, detailStatus: "", date: day.description) },
                                      source: "simulation")
                }
            })
    }

    /// Several seeds (or a shard of them): `runs.csv` with a row per seed and group, numbered so
    /// that `thuis merge` joins shards into the single-process file.
    func runSeeds(_ base: SimulationSettings, _ policy: Policy) throws -> CommandOutcome {
        let total = markets * seeds
        let mine = shard.items(of: total)
        let markets = self.markets, seeds = self.seeds
        // Run k: market k / seeds + 1 under lottery seed k % seeds + 1; with one market each
        // seed is its own market and lottery (one stream), and the market column repeats the seed.
        @Sendable func run(_ k: Int) -> (market: Int, seed: Int) { markets > 1 ? (k / seeds + 1, k % seeds + 1) : (k + 1, k + 1) }
        let results = ConcurrentResults<SimulationResult>(count: mine.count)
        let progress = Progress(quiet: quiet)
        progress.begin("simulate \(mine.count) year(s) of \(days) days")
        let finished = ProgressCounter(progress, total: mine.count)
        DispatchQueue.concurrentPerform(iterations: mine.count) { k in
            var settings = base
            let (market, seed) = run(mine[k])
            settings.seed = UInt64(market)
            if markets > 1 { settings.lotterySeed = UInt64(seed) }
            var simulation = Simulation(settings: settings, policy: policy)
            results.set(k, simulation.run(horizon: horizon))
            finished.add()
        }
        progress.finish()
        var long = CSVText.line(["scenario", "market", "seed", "municipality", "group", "measure", "value"])
        var csv = CSVText.line(["scenario", "market", "seed", "group", "households", "housed", "left", "still_searching", "refused_offers", "success_rate",
                                "share_of_lettings", "waiting_p50", "search_p50", "lettings", "refusals"])
        for (k, result) in results.all.enumerated() {
            let (market, seed) = run(mine[k])
            for g in result.groups {
                csv += CSVText.line(["\(mine[k])", "\(market)", "\(seed)", g.group, "\(g.households)", "\(g.housed)", "\(g.left)", "\(g.stillSearching)", "\(g.refusedOffers)",
                                     String(format: "%.6f", g.successRate), String(format: "%.6f", g.share),
                                     g.waitingYears.count == 5 ? String(g.waitingYears[2]) : "", g.searchYears.count == 5 ? String(g.searchYears[2]) : "",
                                     "\(result.lettings)", "\(result.refusals)"])
            }
            // The long table per area: the region, then each municipality of residence.
            for (area, groups) in [("region", result.groups)] + result.municipalities.map({ ($0.municipality, $0.groups) }) {
                for g in groups {
                    var measures: [(String, String)] = [("households", "\(g.households)"), ("housed", "\(g.housed)"), ("left", "\(g.left)"),
                                                        ("still_searching", "\(g.stillSearching)"), ("refused_offers", "\(g.refusedOffers)"),
                                                        ("success_rate", String(format: "%.6f", g.successRate)), ("share_of_lettings", String(format: "%.6f", g.share))]
                    if g.waitingYears.count == 5 { measures.append(("waiting_p50", String(g.waitingYears[2]))) }
                    if g.searchYears.count == 5 { measures.append(("search_p50", String(g.searchYears[2]))) }
                    if let d = g.dissimilarity { measures.append(("dissimilarity", String(format: "%.6f", d))) }
                    if let t = result.timeToHousing.first(where: { $0.municipality == area && $0.group == g.group }) {
                        if let median = t.median[0] { measures.append(("time_to_housing_median_days", "\(median)")) }
                        if let mean = t.restrictedMean { measures.append(("time_to_housing_restricted_mean_days", String(format: "%.2f", mean))) }
                    }
                    for (measure, value) in measures {
                        long += CSVText.line(["\(mine[k])", "\(market)", "\(seed)", area, g.group, measure, value])
                    }
                }
            }
        }
        var summary = SweepSummary(exports: [], policy: policyPath, vary: ["profile=\(profile)", "days=\(days)", "scale=\(scale)"],
                                   seeds: seeds, scenarios: total, shard: shard?.description)
        if markets > 1 { summary.markets = "\(markets) simulated market(s), each under every lottery seed" }
        summary.policyName = policy.name
        summary.thuis = ThuisVersion.current
        summary.policySHA256 = try Fingerprint.sha256(files: [policyPath])
        var files = [("runs.csv", Array(csv.utf8)), ("measures.csv", Array(long.utf8))]
        var written = ""
        // Every run at hand (no shard): the same summaries a single year gives, over the runs.
        if shard == nil {
            let keys = results.all.indices.map { markets > 1 ? run($0).market : $0 }
            let aggregate = SimulateCommand.aggregate(results.all, replication: keys)
            files += [("groups.csv", Array(aggregate.groups.utf8)), ("waiting-histogram.csv", Array(aggregate.histogram.utf8))]
            written = aggregate.table
        }
        files.append(("summary.json", Array(try summary.json().utf8)))
        try OutputFolder.commit(files, to: outPath)
        written += "\(mine.count) of \(total) simulated year(s) written to \(outPath)/" + files.map(\.0).joined(separator: ", ") + "\n"
        if let htmlPath {
            try AtomicFile.write(try MergeCommand.page(Array(csv.utf8), file: "runs.csv", kind: "runs.csv", summary), to: htmlPath)
            written += "and the page to \(htmlPath)\n"
        }
        return CommandOutcome(exit: .ok, stdout: written)
    }
}

import Foundation
import ThuisCore
import ThuisReports
import ThuisResearch

/// `thuis compare (--export FILE | --profile P [--markets M] [--scale S]) --policy A.toml
/// [--policy B.toml] [--mechanism M ...] --out DIR [--seeds N] [--html FILE]`: markets under two
/// policies (or two mechanisms).
public struct CompareCommand: ThuisCommand {
    public var exports: [String]
    /// Generate the markets from this generator profile instead of reading an export.
    public var profile: String?
    /// With a profile: markets 1...M (the generator's seeds), each under every lottery seed.
    public var markets = 1
    /// With a profile: the generator's scale.
    public var scale = 1.0
    public var policies: [String]
    public var mechanisms: [Mechanism] = []
    public var outPath: String
    /// Lottery seeds 1...N (when 1, the policies' own seeds).
    public var seeds = 1
    public var htmlPath: String?
    /// The command line as given, recorded in summary.json.
    public var commandLine: [String] = []
    /// No progress on stderr.
    public var quiet = true
    /// Also write `households.csv` per household: with export ids only when asked (`withIDs`),
    /// or with keyed hashes of them under this key.
    public var withIDs = false
    public var pseudonymiseKey: String?
    /// Where the command line takes the key from, never the command line itself (`ps` shows it):
    /// a file (its first line), or the environment variable ``keyVariable``.
    public var pseudonymiseKeyFile: String?
    public var pseudonymiseKeyFromEnvironment = false
    public static let keyVariable = "THUIS_PSEUDONYMISATION_KEY"

    public init(exports: [String], policies: [String], outPath: String) {
        self.exports = exports
        self.policies = policies
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        guard (1...2).contains(policies.count), mechanisms.count <= 2, policies.count == 2 || mechanisms.count == 2 else {
            throw CommandFailure.usage("compare two policies (--policy A --policy B) or two mechanisms (--mechanism da --mechanism sequential)")
        }
        try OutputFolder.requirePath(outPath)
        if let htmlPath { try OwnFile.page.requireReplaceable(htmlPath, option: "--html", inputs: exports + policies) }
        let key = try resolvedKey()
        let source = MarketSource(exports: exports, profile: profile, markets: markets, scale: scale)
        let generator = try source.generator()
        let progress = Progress(quiet: quiet)
        var comparisons: [Comparison] = []
        var scenarios: [Policy] = [], labels: [String] = [], seedList: [UInt64] = [], region = ""
        var first: (market: Market, groups: ResearchGroups)?
        for m in 1...markets {
            let input = try source.load(m, policies: policies, progress: progress)
            let market = input.market
            if scenarios.isEmpty {
                scenarios = input.policies
                if scenarios.count == 1 { scenarios.append(scenarios[0]) }
                for (i, mechanism) in mechanisms.enumerated() { scenarios[i].mechanism = mechanism }
                labels = scenarios.map { "\($0.name) (\($0.mechanism.rawValue))" }
                seedList = seeds == 1 ? [scenarios[0].seed] : (1...UInt64(seeds)).map { $0 }
                region = generator.map { "\(markets) generated \($0.name) market(s)" } ?? market.batch.region
            }
            let groups = ResearchGroups(market, scenarios[0])
            if first == nil { first = (market, groups) }
            let preparedA = PreparedBatch(market: market, policy: scenarios[0])
            let preparedB = preparedA.fits(scenarios[1]) ? preparedA : PreparedBatch(market: market, policy: scenarios[1])
            progress.begin((markets > 1 ? "market \(m)/\(markets): " : "") + "allocate \(seedList.count) x 2")
            for (done, seed) in seedList.enumerated() {
                progress.update(Double(done) / Double(seedList.count))
                var a = scenarios[0], b = scenarios[1]
                if seeds > 1 { a.seed = seed; b.seed = seed }
                comparisons.append(Comparison(market, groups, a: Allocator.allocate(preparedA, a), b: Allocator.allocate(preparedB, b)))
            }
        }
        progress.begin("write outputs")
        var report = ComparisonReport(scenarios: labels, seeds: seedList, comparisons: comparisons, markets: markets)
        report.provenance = try provenance()
        let market = first!.market, groups = first!.groups
        var files: [(String, [UInt8])] = [
            ("groups.csv", Array(report.groupsCSV().utf8)),
            ("displacement.csv", Array(report.displacementCSV().utf8)),
            ("households.csv", Array(report.householdsCSV().utf8)),
            ("measures.csv", Array(report.measuresCSV().utf8)),
            ("summary.json", Array(try report.json().utf8)),
        ]
        if withIDs || key != nil {
            files.append(("household-outcomes.csv", Array(householdOutcomes(market, groups, comparisons[0], key: key).utf8)))
        }
        try OutputFolder.commit(files, to: outPath)
        if let htmlPath {
            try AtomicFile.write(ComparisonPage.html(report, title: "\(labels[0]) versus \(labels[1]) on \(region)"), to: htmlPath)
        }
        progress.finish()
        var text = "A: \(labels[0])\nB: \(labels[1])\n\(region), \(seedList.count) lottery seed(s)"
            + (markets > 1 ? " each: intervals over the \(markets) markets\n\n" : seedList.count > 1 ? ": only the lottery varies, on one market\n\n" : "\n\n")
        text += "group".padding(toLength: 20, withPad: " ", startingAt: 0) + "  lettings A  lettings B   success A  success B\n"
        for name in ["priority", "regular"] + scenarios[0].groups.map(\.name) {
            guard let ra = report.groups.first(where: { $0.scenario == labels[0] && $0.group == name }),
                  let rb = report.groups.last(where: { $0.scenario == labels[1] && $0.group == name }) else { continue }
            text += name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "  %10.1f  %10.1f   %8.1f%%  %8.1f%%\n", ra.lettings.mean, rb.lettings.mean, ra.successRate.mean * 100, rb.successRate.mean * 100)
        }
        text += "\nWrote \(files.map(\.0).joined(separator: ", ")) to \(outPath)" + (htmlPath.map { " and \($0)" } ?? "") + "\n"
        return CommandOutcome(exit: .ok, stdout: text)
    }

    /// The inputs by absolute path and SHA-256, the generator's settings, the command line.
    func provenance() throws -> ComparisonReport.Provenance {
        var exportHashes: [String: String] = [:]
        for path in exports { exportHashes[RecordedRun.absolute(path)] = try Fingerprint.sha256(files: [path]) }
        var policyHashes: [String: String] = [:]
        for path in policies { policyHashes[RecordedRun.absolute(path)] = try Fingerprint.sha256(files: [path]) }
        return ComparisonReport.Provenance(thuis: ThuisVersion.current, commandLine: commandLine, exports: profile == nil ? exportHashes : nil,
                                           profile: profile, scale: profile == nil ? nil : scale,
                                           marketSeeds: profile == nil ? nil : Array(1...markets), policies: policyHashes)
    }

    /// Per household (first seed): its group and the rank of what it got under A and B; ids as in
    /// the export, or their keyed hashes.
    func householdOutcomes(_ market: Market, _ groups: ResearchGroups, _ comparison: Comparison, key: String?) -> String {
        var out = CSVText.line(["household", "group", "rank_a", "rank_b", "outcome"])
        for h in 0..<market.households.count where !market.reactions.ofHousehold(h).isEmpty {
            let id = market.households.ids[h]
            let shown = key.map { Fingerprint.hmac(key: $0, message: id) } ?? id
            let a = comparison.a.rank[h], b = comparison.b.rank[h]
            let outcome = (b ?? Int.max) < (a ?? Int.max) ? "better" : (b ?? Int.max) > (a ?? Int.max) ? "worse" : "unchanged"
            out += CSVText.line([shown, groups.primaryNames[groups.primary[h]], a.map(String.init) ?? "", b.map(String.init) ?? "", outcome])
        }
        return out
    }

    /// The pseudonymisation key: given, read from its file, or taken from the environment.
    func resolvedKey() throws -> String? {
        var key = pseudonymiseKey
        if let file = pseudonymiseKeyFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(.fileNotFound, "cannot read the key file", at: SourceLocation(file: file, line: 0, column: 0))
            }
            key = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        } else if pseudonymiseKeyFromEnvironment {
            key = ProcessInfo.processInfo.environment[CompareCommand.keyVariable]
        }
        if let key, key.trimmingCharacters(in: .whitespaces).isEmpty || key.utf8.count > 1024 {
            throw CommandFailure.usage("the pseudonymisation key is empty or longer than 1024 bytes")
        }
        if key == nil && pseudonymiseKeyFromEnvironment {
            throw CommandFailure.usage("--pseudonymise takes its key from \(CompareCommand.keyVariable), which is not set")
        }
        return key
    }
}

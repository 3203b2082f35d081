import Foundation
import ThuisCore
import ThuisPolicyFile
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
    /// The policy file whose `[groups]` define the groups for both scenarios (nil: the first policy's).
    public var groupsPath: String?
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
        let definition = try groupsPath.map { try PolicyFile.load($0).get() }
        var comparisons: [Comparison] = []
        var scenarios: [Policy] = [], labels: [String] = [], seedList: [UInt64] = [], region = ""
        var groupPolicy: Policy?, warnings: [Diagnostic] = []
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
                var chosen = scenarios[0]
                if let definition { chosen.groups = definition.groups }
                groupPolicy = chosen
                warnings = CompareCommand.definitionWarnings(chosen.groups, source: groupsPath ?? policies[0],
                                                             others: zip(policies, input.policies).map { ($0, $1.groups) })
            }
            // One definition of every group for both scenarios: the same household is in the same group under A and B.
            let groups = ResearchGroups(market, groupPolicy!)
            if first == nil { first = (market, groups) }
            // Eligibility once per market, and each policy's ranking once for all its lottery seeds.
            let prepared = PreparedBatch(market: market, policy: scenarios[0])
            let preparedA = prepared.sharingRanking(of: scenarios[0])
            let preparedB = (prepared.fits(scenarios[1]) ? prepared : PreparedBatch(market: market, policy: scenarios[1])).sharingRanking(of: scenarios[1])
            progress.begin((markets > 1 ? "market \(m)/\(markets): " : "") + "allocate \(seedList.count) x 2")
            let finished = ProgressCounter(progress, total: seedList.count)
            let results = ConcurrentResults<Comparison>(count: seedList.count)
            let (a0, b0, seeds, list) = (scenarios[0], scenarios[1], self.seeds, seedList)
            // The seeds on both cores: each allocation is pure, and the results keep seed order.
            DispatchQueue.concurrentPerform(iterations: list.count) { k in
                var a = a0, b = b0
                if seeds > 1 { a.seed = list[k]; b.seed = list[k] }
                results.set(k, Comparison(market, groups, a: Allocator.allocate(preparedA, a), b: Allocator.allocate(preparedB, b)))
                finished.add()
            }
            comparisons += results.all
        }
        progress.begin("write outputs")
        var report = ComparisonReport(scenarios: labels, seeds: seedList, comparisons: comparisons, markets: markets)
        report.provenance = try provenance()
        report.groupDefinitions = Dictionary(uniqueKeysWithValues: groupPolicy!.groups.map { ($0.name, $0.categories.map(\.rawValue).sorted()) })
        report.groupDefinitionSource = RecordedRun.absolute(groupsPath ?? policies[0])
        let market = first!.market, groups = first!.groups
        var files: [(String, [UInt8])] = [
            ("groups.csv", Array(report.groupsCSV().utf8)),
            ("differences.csv", Array(report.differencesCSV().utf8)),
            ("corporations.csv", Array(report.corporationsCSV().utf8)),
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
        let text = CompareCommand.summary(report, labels: labels, region: region, mainGroups: groupPolicy!.groups.map(\.name))
            + "\nWrote \(files.map(\.0).joined(separator: ", ")) to \(outPath)" + (htmlPath.map { " and \($0)" } ?? "") + "\n"
        return CommandOutcome(exit: .ok, stdout: text, stderr: DiagnosticText.render(warnings))
    }

    /// A warning for each group that a compared policy defines otherwise than the definition used.
    static func definitionWarnings(_ used: [GroupDefinition], source: String, others: [(path: String, groups: [GroupDefinition])]) -> [Diagnostic] {
        var warnings: [Diagnostic] = [], said = Set<String>()
        for (path, groups) in others where path != source {
            for group in groups {
                guard let mine = used.first(where: { $0.name == group.name }), mine.categories != group.categories,
                      said.insert("\(path)\u{0}\(group.name)").inserted else { continue }
                let list = { (g: GroupDefinition) in g.categories.map(\.rawValue).sorted().joined(separator: ", ") }
                warnings.append(Diagnostic(.warning, .groupDefinitionDiffers,
                                           "group '\(group.name)' is \(list(group)) here but \(list(mine)) in \(source); both scenarios are counted with the latter",
                                           at: groupLocation(group.name, in: path)))
            }
        }
        return warnings
    }

    /// Where a policy file defines a group: its line under `[groups]` (line 1 when not found as written).
    static func groupLocation(_ name: String, in path: String) -> SourceLocation {
        let lines = (FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var inGroups = false
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") { inGroups = line.replacingOccurrences(of: " ", with: "") == "[groups]" }
            let key = line.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) }
            if inGroups, key == name { return SourceLocation(file: path, line: i + 1, column: raw.count - raw.drop { $0 == " " || $0 == "\t" }.count + 1) }
        }
        return SourceLocation(file: path, line: 1, column: 1)
    }

    /// The answer on stdout: per main group, A and B with their intervals and B − A paired, for
    /// the region; then B − A in regular seekers' and the first group's success rate per municipality.
    static func summary(_ report: ComparisonReport, labels: [String], region: String, mainGroups: [String]) -> String {
        let n = report.markets > 1 ? report.markets : report.seeds.count
        var text = "A: \(labels[0])\nB: \(labels[1])\n\(region), \(report.seeds.count) lottery seed(s)"
        text += report.markets > 1 ? " each: means and 95% intervals over the \(report.markets) markets (n = \(n))\n\n"
            : n > 1 ? ": means and 95% intervals over the seeds (n = \(n)), only the lottery varies\n\n" : ": one run, no intervals\n\n"
        func interval(_ e: Estimate, scale: Double, format: String) -> String {
            n > 1 ? String(format: format, e.mean * scale) + " (" + String(format: format, e.low * scale) + "-" + String(format: format, e.high * scale) + ")"
                : String(format: format, e.mean * scale)
        }
        func signed(_ e: Estimate, scale: Double, format: String) -> String {
            n > 1 ? String(format: "%+" + format.dropFirst(), e.mean * scale) + " (" + String(format: "%+" + format.dropFirst(), e.low * scale)
                + " to " + String(format: "%+" + format.dropFirst(), e.high * scale) + ")" : String(format: "%+" + format.dropFirst(), e.mean * scale)
        }
        let groups = mainGroups + ["priority", "regular"]
        text += "group".padding(toLength: 18, withPad: " ", startingAt: 0) + "measure        " + "A".padding(toLength: 26, withPad: " ", startingAt: 0)
            + "B".padding(toLength: 26, withPad: " ", startingAt: 0) + "B - A, paired\n"
        for group in groups {
            for (measure, label, scale, format) in [("lettings", "lettings", 1.0, "%.1f"), ("success_rate", "success %", 100.0, "%.2f"),
                                                    ("dissimilarity", "D (buurten)", 1.0, "%.3f")] {
                guard let d = report.difference(group, measure), d.a.replications > 0 else { continue }
                text += group.padding(toLength: 18, withPad: " ", startingAt: 0) + label.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + interval(d.a, scale: scale, format: format).padding(toLength: 26, withPad: " ", startingAt: 0)
                    + interval(d.b, scale: scale, format: format).padding(toLength: 26, withPad: " ", startingAt: 0)
                    + signed(d.difference, scale: scale, format: format) + "\n"
            }
        }
        let municipalities = Set(report.differences.map(\.municipality)).subtracting(["region"]).sorted()
        let shown = (mainGroups.prefix(1) + ["regular"]).filter { g in report.differences.contains { $0.group == g } }
        if municipalities.count > 1, !shown.isEmpty {
            text += "\nSuccess rate B - A in percentage points, paired, per municipality of residence:\n"
            text += "municipality  " + shown.map { $0.padding(toLength: 28, withPad: " ", startingAt: 0) }.joined() + "\n"
            for m in municipalities {
                text += m.padding(toLength: 14, withPad: " ", startingAt: 0)
                for group in shown {
                    let cell = report.difference(group, "success_rate", in: m).flatMap { $0.a.replications > 0 ? signed($0.difference, scale: 100, format: "%.2f") : nil } ?? ""
                    text += cell.padding(toLength: 28, withPad: " ", startingAt: 0)
                }
                text += "\n"
            }
        }
        return text
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

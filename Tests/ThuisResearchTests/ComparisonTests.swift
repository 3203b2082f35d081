import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisPolicyFile
import ThuisReports
import ThuisResearch
import ThuisTestSupport
import ThuisXML

/// The accounting of a comparison holds on every market; a policy compared with itself
/// displaces nobody.
@Suite(.timeLimit(.minutes(3))) struct ComparisonTests {
    static func load(_ seed: UInt64) throws -> (Market, Policy, Policy) {
        let market = try #require(ExportReader.read(document: RandomMarket.export(seed: seed)).market)
        let a = try PolicyFile.parse(RandomMarket.policy(seed: seed, caps: true), file: "a.toml").get()
        let b = try PolicyFile.parse(RandomMarket.policy(seed: seed + 1000, caps: false, mechanism: "sequential"), file: "b.toml").get()
        return (market, a, b)
    }

    @Test("lettings per group add up; the matrix's rows and columns add up; every household is counted once",
          arguments: Array(UInt64(1)...40))
    func accounting(_ seed: UInt64) throws {
        let (market, a, b) = try Self.load(seed)
        let groups = ResearchGroups(market, a)
        let allocationA = Allocator.allocate(market, a), allocationB = Allocator.allocate(market, b)
        let comparison = Comparison(market, groups, a: allocationA, b: allocationB)
        for outcome in [comparison.a, comparison.b] {
            let lettings = Dictionary(uniqueKeysWithValues: outcome.groups.map { ($0.group, $0.lettings) })
            #expect(lettings["priority"]! + lettings["regular"]! == outcome.lettings)
        }
        let n = comparison.primaryNames.count
        let rows = comparison.matrix.prefix(n).reduce(0) { $0 + $1.reduce(0, +) }
        let columns = comparison.matrix.reduce(0) { $0 + $1.prefix(n).reduce(0, +) }
        #expect(rows == allocationA.lettings)
        #expect(columns == allocationB.lettings)
        #expect(comparison.matrix[n][n] == 0)
        let counted = comparison.better.reduce(0, +) + comparison.worse.reduce(0, +) + comparison.unchanged.reduce(0, +)
        #expect(counted == market.households.count)
    }

    @Test("municipalities add up to the region: lettings where the dwelling is, seekers where they live",
          arguments: Array(UInt64(1)...20))
    func municipalitiesAddUp(_ seed: UInt64) throws {
        let (market, a, _) = try Self.load(seed)
        let outcome = ScenarioOutcome(market, Allocator.allocate(market, a), ResearchGroups(market, a))
        #expect(outcome.municipalities.reduce(0) { $0 + $1.lettings } == outcome.lettings)
        #expect(outcome.corporations.reduce(0) { $0 + $1.lettings } == outcome.lettings)
        for (g, region) in outcome.groups.enumerated() {
            #expect(outcome.municipalities.reduce(0) { $0 + $1.groups[g].lettings } == region.lettings)
            #expect(outcome.municipalities.reduce(0) { $0 + $1.groups[g].seekers } == region.seekers)
            let housed = outcome.municipalities.reduce(0.0) { $0 + $1.groups[g].successRate * Double($1.groups[g].seekers) }
            #expect(abs(housed - region.successRate * Double(region.seekers)) < 1e-6)
        }
    }

    @Test("the spread over buurten: Duncan's D of each group's lettings and the others', recounted from the allocation, per municipality and region",
          arguments: Array(UInt64(1)...10))
    func dissimilarity(_ seed: UInt64) throws {
        let (market, a, _) = try Self.load(seed)
        let allocation = Allocator.allocate(market, a), groups = ResearchGroups(market, a)
        let outcome = ScenarioOutcome(market, allocation, groups)
        // Recounted here: per buurt, lettings and lettings to the group; D = ½ Σ |g/G − o/O|.
        func recount(_ g: Int, municipality: String?) -> Double? {
            var lettings: [String: (all: Double, group: Double)] = [:]
            for adv in 0..<market.adverts.count where allocation.household[adv] >= 0 {
                let d = Int(market.adverts.dwelling[adv])
                let buurt = market.areas[AreaKind.neighbourhood.rawValue][Int(market.dwellings.areas[AreaKind.neighbourhood.rawValue][d])]
                if let municipality, !buurt.hasPrefix("BU\(municipality)") { continue }
                lettings[buurt, default: (0, 0)].all += 1
                if groups.contains(Int(allocation.household[adv]), g) { lettings[buurt, default: (0, 0)].group += 1 }
            }
            let total = lettings.values.reduce(0) { $0 + $1.group }, others = lettings.values.reduce(0) { $0 + $1.all - $1.group }
            guard total > 0, others > 0 else { return nil }
            return lettings.values.reduce(0) { $0 + abs($1.group / total - ($1.all - $1.group) / others) } / 2
        }
        if seed == 1 {
            // The demo has buurten with lettings to urgenten and to others: a spread to measure.
            let demo = try #require(ExportReader.read([Fixtures.demoRegion]).market)
            let policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
            let spread = ScenarioOutcome(demo, Allocator.allocate(demo, policy), ResearchGroups(demo, policy))
            #expect(spread.groups.first { $0.group == "urgenten" }?.dissimilarity != nil)
        }
        for (g, figures) in outcome.groups.enumerated() {
            #expect(figures.dissimilarity.map { abs($0 - recount(g, municipality: nil)!) < 1e-12 } ?? (recount(g, municipality: nil) == nil), "\(figures.group)")
            for area in outcome.municipalities where area.area != "unknown" {
                let expected = recount(g, municipality: area.area)
                #expect(area.groups[g].dissimilarity.map { abs($0 - (expected ?? -1)) < 1e-12 } ?? (expected == nil), "\(area.area) \(figures.group)")
            }
        }
    }

    @Test("a paired difference is the mean of B − A over the replications, with the interval of those differences")
    func pairedDifferences() throws {
        let (market, a, b) = try Self.load(3)
        let groups = ResearchGroups(market, a)
        let seeds: [UInt64] = [1, 2, 3, 4]
        let comparisons = seeds.map { seed in
            var pa = a, pb = b
            pa.seed = seed
            pb.seed = seed
            return Comparison(market, groups, a: Allocator.allocate(market, pa), b: Allocator.allocate(market, pb))
        }
        let report = ComparisonReport(scenarios: ["A", "B"], seeds: seeds, comparisons: comparisons)
        for (g, name) in groups.names.enumerated() {
            let d = try #require(report.difference(name, "success_rate"))
            let values = comparisons.map { $0.b.groups[g].successRate - $0.a.groups[g].successRate }
            let expected = Estimate(values, range: -1...1)
            #expect(abs(d.difference.mean - expected.mean) < 1e-12 && abs(d.difference.low - expected.low) < 1e-12)
            #expect(abs(d.difference.mean - (d.b.mean - d.a.mean)) < 1e-12)
            #expect(d.difference.replications == 4)
        }
        // Every municipality has its rows, and measures.csv names them.
        let codes = Set(comparisons[0].a.municipalities.map(\.area))
        #expect(Set(report.differences.map(\.municipality)) == codes.union(["region"]))
        #expect(report.measuresCSV().split(separator: "\n")[0] == "scenario,market,seed,municipality,corporation,group,measure,value")
    }

    @Test("groups are counted with one definition for both policies, and a different one is warned about")
    func oneDefinition() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = Fixtures.path("policies/een-thuis-voor-iedereen.toml"), second = Fixtures.path("policies/loting-20.toml")
        let outcome = try ThuisProcess.run(["compare", "--export", Fixtures.demoRegion, "--policy", first, "--policy", second,
                                            "--out", directory.appendingPathComponent("out").path])
        #expect(outcome.exitCode == 0)
        // loting-20 defines urgenten with seven categories, een-thuis-voor-iedereen with four: A's is used.
        let line = try #require(outcome.stderr.split(separator: "\n").first { $0.contains("GROUP_DEFINITION_DIFFERS") })
        #expect(line.hasPrefix(second + ":") && line.contains("warning: GROUP_DEFINITION_DIFFERS: group 'urgenten'"))
        let policyLine = try #require(Int(line.split(separator: ":")[1]))
        let text = try String(contentsOfFile: second, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(text[policyLine - 1].trimmingCharacters(in: .whitespaces).hasPrefix("urgenten"))
        let summary = try String(contentsOf: directory.appendingPathComponent("out/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"groupDefinitionSource\""))
        #expect(summary.contains("\"urgenten\" : [\n      \"GEW\",\n      \"HUI\",\n      \"MED\",\n      \"SOC\"\n    ]"))
        // With --groups, loting-20's definition is used, and een-thuis-voor-iedereen is the one warned about.
        let swapped = try ThuisProcess.run(["compare", "--export", Fixtures.demoRegion, "--policy", first, "--policy", second,
                                            "--groups", second, "--out", directory.appendingPathComponent("swapped").path])
        #expect(swapped.exitCode == 0)
        #expect(swapped.stderr.contains(first + ":") && swapped.stderr.contains("GROUP_DEFINITION_DIFFERS"))
        let groupsCSV = try String(contentsOf: directory.appendingPathComponent("swapped/groups.csv"), encoding: .utf8)
        let original = try String(contentsOf: directory.appendingPathComponent("out/groups.csv"), encoding: .utf8)
        #expect(groupsCSV != original)
    }

    @Test("a policy compared with itself shows no displacement", arguments: Array(UInt64(1)...20))
    func selfComparison(_ seed: UInt64) throws {
        let (market, a, _) = try Self.load(seed)
        let groups = ResearchGroups(market, a)
        let comparison = Comparison(market, groups, a: Allocator.allocate(market, a), b: Allocator.allocate(market, a))
        for i in comparison.matrix.indices {
            for j in comparison.matrix[i].indices where i != j { #expect(comparison.matrix[i][j] == 0) }
        }
        #expect(comparison.better.allSatisfy { $0 == 0 })
        #expect(comparison.worse.allSatisfy { $0 == 0 })
        #expect(comparison.a.groups == comparison.b.groups)
    }

    @Test("thuis compare writes the tables and a self-contained HTML page")
    func command() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = CompareCommand(exports: [Fixtures.demoRegion],
                                     policies: [Fixtures.path("policies/een-thuis-voor-iedereen.toml"), Fixtures.path("policies/loting-20.toml")],
                                     outPath: directory.appendingPathComponent("out").path)
        command.seeds = 3
        command.htmlPath = directory.appendingPathComponent("report.html").path
        let outcome = command.run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path))
        #expect(files == ["groups.csv", "differences.csv", "corporations.csv", "displacement.csv", "households.csv", "measures.csv",
                          "summary.json", "manifest.sha256"])
        let html = try String(contentsOfFile: command.htmlPath!, encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
        // Research outputs carry no export ids.
        let all = try files.map { try String(contentsOfFile: directory.appendingPathComponent("out/\($0)").path, encoding: .utf8) }.joined() + html
        #expect(!all.contains("H05") && !all.contains("P04"))

        var same = command
        same.policies = [Fixtures.path("policies/een-thuis-voor-iedereen.toml")]
        same.mechanisms = [.deferredAcceptance, .deferredAcceptance]
        same.outPath = directory.appendingPathComponent("same").path
        same.htmlPath = nil
        #expect(same.run().exit == .ok)
        let households = try String(contentsOfFile: directory.appendingPathComponent("same/households.csv").path, encoding: .utf8)
        for row in households.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",")
            #expect(fields[1] == "0" && fields[2] == "0", "\(row)")
        }
    }
}

/// Research outputs name no household unless asked; `--pseudonymise` names them by keyed hash.
@Suite(.timeLimit(.minutes(3))) struct PrivacyTests {
    func outcomes(_ configure: (inout CompareCommand) -> Void) throws -> String? {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = CompareCommand(exports: [Fixtures.demoRegion],
                                     policies: [Fixtures.path("policies/een-thuis-voor-iedereen.toml"), Fixtures.path("policies/loting-20.toml")],
                                     outPath: directory.appendingPathComponent("out").path)
        configure(&command)
        #expect(command.run().exit == .ok)
        return try? String(contentsOfFile: directory.appendingPathComponent("out/household-outcomes.csv").path, encoding: .utf8)
    }

    @Test("no ids by default, ids when asked, keyed hashes with --pseudonymise")
    func pseudonyms() throws {
        #expect(try outcomes { _ in } == nil)
        let plain = try #require(try outcomes { $0.withIDs = true })
        #expect(plain.contains("\nH05,regular,,,"))
        let hashed = try #require(try outcomes { $0.pseudonymiseKey = "secret" })
        #expect(!hashed.contains("H05"))
        #expect(hashed.contains(Fingerprint.hmac(key: "secret", message: "H05")))
        let other = try #require(try outcomes { $0.pseudonymiseKey = "other" })
        #expect(other != hashed)
        #expect(plain.split(separator: "\n").count == hashed.split(separator: "\n").count)
    }

    @Test("the key comes from a file or the environment, never the command line")
    func keySources() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key")
        try "secret\n".write(to: keyFile, atomically: true, encoding: .utf8)
        let direct = try #require(try outcomes { $0.pseudonymiseKey = "secret" })
        #expect(try outcomes { $0.pseudonymiseKeyFile = keyFile.path } == direct)
        let arguments = ["compare", "--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                         "--policy", Fixtures.path("policies/loting-20.toml"), "--out", directory.appendingPathComponent("cli").path]
        let unset = try ThuisProcess.run(arguments + ["--pseudonymise"])
        #expect(unset.exitCode == 64)
        #expect(unset.stderr.contains("THUIS_PSEUDONYMISATION_KEY, which is not set"))
        let fromFile = try ThuisProcess.run(arguments + ["--pseudonymise-key-file", keyFile.path])
        #expect(fromFile.exitCode == 0)
        #expect(try String(contentsOf: directory.appendingPathComponent("cli/household-outcomes.csv"), encoding: .utf8) == direct)
        let missing = try ThuisProcess.run(arguments + ["--pseudonymise-key-file", directory.appendingPathComponent("nokey").path])
        #expect(missing.exitCode == 66)
    }
}

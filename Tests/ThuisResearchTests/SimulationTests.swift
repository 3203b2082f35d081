import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisPolicyFile
import ThuisResearch
import ThuisTestSupport

/// A simulated stretch of nights: its accounting, and the same seed giving the same year.
@Suite(.timeLimit(.minutes(3))) struct SimulationTests {
    static func run(seed: UInt64, days: Int = 60) throws -> SimulationResult {
        var settings = try #require(SimulationSettings.profile("region", scale: 0.01))
        settings.days = days
        settings.seed = seed
        let policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
        var simulation = Simulation(settings: settings, policy: policy)
        return simulation.run()
    }

    @Test("every household is housed, gone or still searching; lettings and refusals per group add up", arguments: [UInt64(1), 2, 3])
    func accounting(_ seed: UInt64) throws {
        let result = try Self.run(seed: seed)
        let policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
        let all = try #require(result.groups.first { $0.group == "all" })
        #expect(all.households == all.housed + all.left + all.stillSearching)
        #expect(all.housed == result.lettings)
        #expect(result.lettings > 0)
        // Municipalities of residence add up to the region.
        for region in result.groups {
            let parts = result.municipalities.compactMap { m in m.groups.first { $0.group == region.group } }
            #expect(parts.reduce(0) { $0 + $1.households } == region.households)
            #expect(parts.reduce(0) { $0 + $1.housed } == region.housed)
            #expect(parts.reduce(0) { $0 + $1.refusedOffers } == region.refusedOffers)
        }
        // Each category and regular partition the households; a policy group is the union of its categories.
        let partition = result.groups.filter { PriorityCategory(rawValue: $0.group) != nil || $0.group == "regular" }
        for group in policy.groups {
            let members = result.groups.filter { PriorityCategory(rawValue: $0.group).map(group.categories.contains) ?? false }
            let figures = try #require(result.groups.first { $0.group == group.name })
            #expect(figures.housed == members.reduce(0) { $0 + $1.housed })
            #expect(figures.households == members.reduce(0) { $0 + $1.households })
        }
        #expect(partition.reduce(0) { $0 + $1.housed } == result.lettings)
        #expect(partition.reduce(0) { $0 + $1.households } == all.households)
        #expect(all.refusedOffers == result.refusals)
        #expect(partition.reduce(0) { $0 + $1.refusedOffers } == result.refusals)
        for g in result.groups where g.housed > 0 {
            #expect(g.waitingHistogram.reduce(0, +) == g.housed)
            #expect(g.waitingYears == g.waitingYears.sorted())
        }
    }

    @Test("the same seed gives the same year; another seed another")
    func deterministic() throws {
        let a = try Self.run(seed: 7), b = try Self.run(seed: 7), c = try Self.run(seed: 8)
        #expect(a.groups == b.groups)
        #expect(a.groups != c.groups)
    }

    @Test("under urgency first, priority groups are housed more often than regular seekers")
    func priorityWaitsLess() throws {
        let result = try Self.run(seed: 1, days: 120)
        let priority = try #require(result.groups.first { $0.group == "priority" })
        let regular = try #require(result.groups.first { $0.group == "regular" })
        #expect(priority.successRate > regular.successRate)
    }
}

/// Simulations over several seeds split into shards and merge into the single-process result.
@Suite(.timeLimit(.minutes(3))) struct SimulationShardTests {
    @Test("shard processes plus merge equal one process, byte for byte, the page included")
    func shards() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["simulate", "--quiet", "--profile", "region", "--scale", "0.01", "--days", "20",
                         "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"), "--seeds", "4"]
        let whole = directory.appendingPathComponent("whole")
        let page = directory.appendingPathComponent("whole.html").path, mergedPage = directory.appendingPathComponent("merged.html").path
        let single = try ThuisProcess.run(arguments + ["--out", whole.path, "--html", page])
        #expect(single.exitCode == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("Means over 4 simulated year(s), one per seed (n = 4), with 95% Student-t intervals"))
        // A shard has part of the seeds: its page would be another page; merge writes it.
        let shardPage = try ThuisProcess.run(arguments + ["--out", directory.appendingPathComponent("x").path, "--shard", "0/2", "--html", page + ".x"])
        #expect(shardPage.exitCode == 64)
        var parts: [String] = []
        for i in 0..<2 {
            let out = directory.appendingPathComponent("part-\(i)").path
            #expect(try ThuisProcess.run(arguments + ["--out", out, "--shard", "\(i)/2"]).exitCode == 0)
            parts.append(out)
        }
        let merged = directory.appendingPathComponent("merged")
        #expect(try ThuisProcess.run(["merge", "--out", merged.path, "--html", mergedPage] + parts).exitCode == 0)
        #expect(try String(contentsOfFile: mergedPage, encoding: .utf8) == html)
        for file in ["runs.csv", "measures.csv", "summary.json"] {
            let a = FileManager.default.contents(atPath: whole.appendingPathComponent(file).path)
            #expect(a != nil && a == FileManager.default.contents(atPath: merged.appendingPathComponent(file).path), "\(file)")
        }
    }
}

/// Markets crossed with lottery seeds: the market's draws apart from the lottery's.
@Suite(.timeLimit(.minutes(3))) struct SimulationMarketTests {
    @Test("--markets M x --seeds N: the same market under other lotteries, intervals over markets, shards merge to the same page")
    func crossed() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["simulate", "--quiet", "--profile", "region", "--scale", "0.01", "--days", "20",
                         "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"), "--markets", "3", "--seeds", "2"]
        let whole = directory.appendingPathComponent("whole").path, page = directory.appendingPathComponent("whole.html").path
        #expect(try ThuisProcess.run(arguments + ["--out", whole, "--html", page]).exitCode == 0)
        let rows = try String(contentsOfFile: whole + "/runs.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let all = rows.filter { $0.count > 3 && $0[3] == "all" }
        // Six runs: markets 1, 1, 2, 2, 3, 3 under lottery seeds 1, 2, 1, 2, ...
        #expect(all.map { "\($0[1])/\($0[2])" } == ["1/1", "1/2", "2/1", "2/2", "3/1", "3/2"])
        // Another lottery on the same market lets other households: the runs are not copies.
        #expect(Set(all.map { $0[4...].joined(separator: ",") }).count == 6)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("Means over 3 simulated market(s), each the mean over its lottery seeds, with 95% Student-t intervals over the markets (n = 3)"))
        var parts: [String] = []
        for i in 0..<2 {
            parts.append(directory.appendingPathComponent("part-\(i)").path)
            #expect(try ThuisProcess.run(arguments + ["--out", parts[i], "--shard", "\(i)/2"]).exitCode == 0)
        }
        let merged = directory.appendingPathComponent("merged").path, mergedPage = directory.appendingPathComponent("merged.html").path
        #expect(try ThuisProcess.run(["merge", "--out", merged, "--html", mergedPage] + parts).exitCode == 0)
        for file in ["runs.csv", "measures.csv"] {
            #expect(FileManager.default.contents(atPath: whole + "/" + file) == FileManager.default.contents(atPath: merged + "/" + file), "\(file)")
        }
        #expect(try String(contentsOfFile: mergedPage, encoding: .utf8) == html)
    }
}

/// Two policies on the same simulated markets and seeds: B − A per run, then over the runs.
@Suite(.timeLimit(.minutes(3))) struct SimulationPairedTests {
    @Test("simulate --policy A --policy B: each difference is the mean of the runs' B − A, and A against itself differs by nothing")
    func paired() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = Fixtures.path("policies/wachttijd-zonder-quotum.toml"), b = Fixtures.path("policies/wachttijd-met-quotum.toml")
        let common = ["simulate", "--quiet", "--profile", "region", "--scale", "0.01", "--days", "60", "--seeds", "3"]
        let out = directory.appendingPathComponent("out").path, page = directory.appendingPathComponent("page.html").path
        let run = try ThuisProcess.run(common + ["--policy", a, "--policy", b, "--out", out, "--html", page])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("paired by seed; intervals over the seeds (n = 3)"))
        func rows(_ path: String) throws -> [[String]] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let measures = try rows(out + "/measures.csv"), differences = try rows(out + "/differences.csv")
        let row = try #require(differences.first { $0[0] == "regular" && $0[1] == "success_rate" })
        var paired: [Double] = []
        for seed in ["1", "2", "3"] {
            let values = measures.filter { $0[2] == seed && $0[3] == "regular" && $0[4] == "success_rate" }.map { Double($0[5])! }
            #expect(values.count == 2)
            paired.append(values[1] - values[0])
        }
        #expect(abs(Double(row[9])! - paired.reduce(0, +) / 3) < 1e-4)
        #expect(row[2] == "3")
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("B − A, paired by run"))
        // A policy against itself: every paired difference is zero, with a zero-width interval.
        let same = directory.appendingPathComponent("same").path
        #expect(try ThuisProcess.run(common + ["--policy", a, "--policy", a, "--out", same]).exitCode == 0)
        for r in try rows(same + "/differences.csv") { #expect(r[9] == "0" && r[10] == "0" && r[11] == "0", "\(r)") }
    }
}

/// A keeper that fails stops the simulated year; nothing carries on as if it had worked.
@Suite(.timeLimit(.minutes(3))) struct SimulationKeeperTests {
    struct Broken: Error {}

    @Test("a failing keeper stops the year at that night and says why")
    func failingKeeper() throws {
        var settings = try #require(SimulationSettings.profile("nightly", scale: 0.01))
        settings.days = 200
        var simulation = Simulation(settings: settings, policy: try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get())
        nonisolated(unsafe) var nights = 0
        simulation.keeper = LettingKeeper(period: { policy, _, _ in
            nights += 1
            if nights == 2 { throw Broken() }
            return PeriodState(given: policy)
        }, record: { _, _ in })
        var unbroken = simulation
        unbroken.keeper = nil
        #expect(unbroken.run().lettings > 0)
        _ = simulation.run()
        #expect(simulation.keeperError is Broken)
        #expect(nights == 2)
    }
}

/// The behaviour knobs hold for repeated years too.
@Suite(.timeLimit(.minutes(3))) struct SimulationSeedsTests {
    @Test("--seeds with --acceptance 1: nobody refuses, in every year")
    func acceptanceOverSeeds() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = SimulateCommand(profile: "region", policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                      outPath: directory.appendingPathComponent("out").path)
        command.scale = 0.01
        command.days = 20
        command.seeds = 2
        command.acceptance = 1
        command.acceptanceDecay = 1
        #expect(command.run().exit == .ok)
        let runs = try String(contentsOf: directory.appendingPathComponent("out/runs.csv"), encoding: .utf8)
        let rows = runs.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count > 2)
        #expect(rows.allSatisfy { $0.last == "0" })   // refusals
    }
}

/// The simulation can keep its nights in a real ledger; the period quotas read from it equal
/// the ones kept in memory.
@Suite(.timeLimit(.minutes(3))) struct SimulationLedgerTests {
    @Test("a simulation through the ledger gives the same year as one kept in memory")
    func ledgerEqualsMemory() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("yearly.toml").path
        let text = try String(contentsOfFile: Fixtures.path("policies/wachttijd-met-quotum.toml"), encoding: .utf8)
        try text.replacingOccurrences(of: "scope = \"municipality\"", with: "scope = \"region\"\nperiod = \"year\"")
            .write(toFile: policy, atomically: true, encoding: .utf8)
        func run(_ ledger: String?) -> String? {
            var command = SimulateCommand(profile: "region", policyPath: policy, outPath: directory.appendingPathComponent(ledger == nil ? "memory" : "ledger").path)
            command.scale = 0.01
            command.days = 60
            command.ledgerPath = ledger
            #expect(command.run().exit == .ok)
            return try? String(contentsOfFile: command.outPath + "/groups.csv", encoding: .utf8)
        }
        let memory = try #require(run(nil))
        let ledger = try #require(run(directory.appendingPathComponent("sim.sqlite").path))
        #expect(memory == ledger)
    }
}

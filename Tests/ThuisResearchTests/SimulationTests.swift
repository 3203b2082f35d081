import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisPolicyFile
import ThuisTestSupport

/// A simulated stretch of nights: its accounting, and the same seed giving the same year.
@Suite struct SimulationTests {
    static func run(seed: UInt64, days: Int = 60) throws -> SimulationResult {
        var settings = try #require(SimulationSettings.profile("region", scale: 0.01))
        settings.days = days
        settings.seed = seed
        let policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
        var simulation = Simulation(settings: settings, policy: policy)
        return simulation.run()
    }

    @Test("every household is housed, gone or still searching; lettings per group add up", arguments: [UInt64(1), 2, 3])
    func accounting(_ seed: UInt64) throws {
        let result = try Self.run(seed: seed)
        let all = try #require(result.groups.first { $0.group == "all" })
        #expect(all.households == all.housed + all.left + all.stillSearching)
        #expect(all.housed == result.lettings)
        #expect(result.lettings > 0)
        let partition = result.groups.filter { $0.group != "all" && $0.group != "priority" }
        #expect(partition.reduce(0) { $0 + $1.housed } == result.lettings)
        #expect(partition.reduce(0) { $0 + $1.households } == all.households)
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

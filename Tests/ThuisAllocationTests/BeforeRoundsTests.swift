import Testing
import ThuisCore
import ThuisPolicyFile
import ThuisTestSupport
import ThuisXML

/// `Allocator.allocate(beforeRounds:)`: the moment `thuis allocate` starts hashing its inputs.
@Suite struct BeforeRoundsTests {
    @Test("beforeRounds is called once per allocation, and the allocation is the one made without it",
          arguments: ["een-thuis-voor-iedereen.toml", "loting-20.toml"])
    func calledOnce(policyName: String) throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        var policy = try PolicyFile.load(Fixtures.path("policies/\(policyName)")).get()
        for mechanism in [Mechanism.deferredAcceptance, .sequential] {
            policy.mechanism = mechanism
            var calls = 0
            let hooked = Allocator.allocate(market, policy, beforeRounds: { calls += 1 })
            #expect(calls == 1)
            #expect(hooked.rounds >= 1)
            let plain = Allocator.allocate(market, policy)
            #expect(hooked.household == plain.household && hooked.reaction == plain.reaction && hooked.refusedBy == plain.refusedBy)
        }
    }
}

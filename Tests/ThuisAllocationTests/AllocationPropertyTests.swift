import Foundation
import Testing
import ThuisCore
import ThuisPolicyFile
import ThuisTestSupport
import ThuisXML

/// Invariants of the mechanisms on many random markets (sizes, ties, quotas, eligibility).
@Suite struct AllocationPropertyTests {
    /// 200 random markets in the release step of CI; 25 of them in `swift test`.
    static let seeds: [UInt64] = PropertyRuns.sample(Array(1...200), 25)

    static func load(_ seed: UInt64, caps: Bool, mechanism: String = "da") throws -> (Market, Policy, Allocation) {
        let market = try #require(ExportReader.read(document: RandomMarket.export(seed: seed)).market)
        let policy = try PolicyFile.parse(RandomMarket.policy(seed: seed, caps: caps, mechanism: mechanism), file: "random.toml").get()
        let allocation = Allocator.allocate(market, policy)
        // Also in the release step of CI, where the debug builds' own checks are compiled out.
        market.checkInvariants()
        allocation.checkInvariants(market)
        return (market, policy, allocation)
    }

    /// Where each household is housed (advert), if anywhere.
    static func housing(_ market: Market, _ allocation: Allocation) -> [Int: Int] {
        var at: [Int: Int] = [:]
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 { at[Int(allocation.household[a])] = a }
        return at
    }

    @Test("every letting is eligible, and no household gets two adverts", arguments: seeds)
    func eligibleAndSingle(_ seed: UInt64) throws {
        for mechanism in ["da", "sequential"] {
            let (market, _, allocation) = try Self.load(seed, caps: seed % 2 == 0, mechanism: mechanism)
            var seen = Set<Int32>()
            for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
                #expect(seen.insert(allocation.household[a]).inserted, "household housed twice (seed \(seed))")
                let r = Int(allocation.reaction[a])
                if market.adverts.model[a] == .direct {
                    #expect(allocation.household[a] == market.adverts.namedHousehold[a])
                } else {
                    #expect(r >= 0 && allocation.exclusion[r] == .eligible, "ineligible letting (seed \(seed))")
                    #expect(market.reactions.household[r] == allocation.household[a])
                }
            }
        }
    }

    @Test("no blocking pair: nobody prefers an advert that went to someone ranked below them there", arguments: seeds)
    func stable(_ seed: UInt64) throws {
        let (market, _, allocation) = try Self.load(seed, caps: seed % 2 == 0)
        let housedAt = Self.housing(market, allocation)
        for h in 0..<market.households.count {
            for r in market.reactions.ofHousehold(h) {
                let a = Int(market.reactions.advert[r])
                if housedAt[h] == a { break }  // adverts after this one are less wanted
                guard allocation.exclusion[r] == .eligible, market.adverts.model[a] != .direct else { continue }
                let holder = Int(allocation.reaction[a])
                let blocking = holder < 0 || allocation.position[r] < allocation.position[holder]
                // Only a reached cap may turn a household away from an advert it outranks.
                #expect(!blocking || allocation.refusedBy[r] != 0,
                        "blocking pair \(market.households.ids[h]) at \(market.adverts.ids[a]) (seed \(seed))")
            }
        }
    }

    @Test("deferred acceptance equals a separately written reference", arguments: seeds)
    func matchesReference(_ seed: UInt64) throws {
        let (market, _, allocation) = try Self.load(seed, caps: false)
        let directlyHoused = Set((0..<market.adverts.count).filter { market.adverts.model[$0] == .direct }.map { Int(allocation.household[$0]) })
        let preferences = (0..<market.households.count).map { h -> [Int] in
            guard !directlyHoused.contains(h) else { return [] }
            return market.reactions.ofHousehold(h).filter {
                allocation.exclusion[$0] == .eligible && market.adverts.model[Int(market.reactions.advert[$0])] != .direct
            }
        }
        let reference = ReferenceDeferredAcceptance.run(
            preferences: preferences, advertOf: { Int(market.reactions.advert[$0]) },
            householdOf: { Int(market.reactions.household[$0]) }, priority: { Int(allocation.position[$0]) },
            adverts: market.adverts.count)
        for a in 0..<market.adverts.count where market.adverts.model[a] != .direct {
            #expect(reference[a] ?? -1 == Int(allocation.reaction[a]), "advert \(market.adverts.ids[a]) (seed \(seed))")
        }
    }

    @Test("a floor is met whenever the market allows", arguments: seeds)
    func floorsMetWhenFeasible(_ seed: UInt64) throws {
        let (market, policy, allocation) = try Self.load(seed, caps: false)
        let group = try #require(allocation.groupNames.firstIndex(of: "aandachtsgroepen"))
        let scope = policy.quotas[0].scope
        let housedAt = Self.housing(market, allocation)
        for outcome in allocation.quotas where outcome.kind == .floor && outcome.shortfall > 0 {
            // Unmet only if no member could have been placed at an advert in scope that went to a
            // non-member and that the member wanted more than what it got.
            for r in 0..<market.reactions.count where allocation.exclusion[r] == .eligible && allocation.isMember(r, group: group) {
                let a = Int(market.reactions.advert[r]), h = Int(market.reactions.household[r])
                guard market.adverts.model[a] != .direct else { continue }
                let d = Int(market.adverts.dwelling[a])
                let scopeName = scope == .region ? "region" : "municipality \(market.municipalities[Int(market.dwellings.municipality[d])])"
                guard scopeName == outcome.scope else { continue }
                let holder = Int(allocation.reaction[a])
                let holderIsMember = holder >= 0 && allocation.isMember(holder, group: group)
                let wantsMore = housedAt[h].map { other in
                    market.reactions.ofHousehold(h).firstIndex { Int(market.reactions.advert[$0]) == a }!
                        < market.reactions.ofHousehold(h).firstIndex { Int(market.reactions.advert[$0]) == other }!
                } ?? true
                #expect(holderIsMember || !wantsMore,
                        "floor unmet in \(outcome.scope) although \(market.households.ids[h]) could take \(market.adverts.ids[a]) (seed \(seed))")
            }
        }
    }

    @Test("the same input, policy and seed give the same allocation", arguments: [UInt64(3), 17, 42, 99])
    func deterministic(_ seed: UInt64) throws {
        let (_, _, first) = try Self.load(seed, caps: true)
        let (_, _, second) = try Self.load(seed, caps: true)
        #expect(first.household == second.household)
        #expect(first.position == second.position)
        #expect(first.quotas == second.quotas)
    }
}

/// A prepared batch reused across scenarios gives the allocation a fresh run gives.
@Suite struct PreparedBatchTests {
    @Test("reusing eligibility across quota shares and seeds changes nothing", arguments: PropertyRuns.sample(Array(UInt64(1)...30), 8))
    func reuse(_ seed: UInt64) throws {
        let market = try #require(ExportReader.read(document: RandomMarket.export(seed: seed)).market)
        let base = try PolicyFile.parse(RandomMarket.policy(seed: seed, caps: seed % 2 == 0), file: "p.toml").get()
        let prepared = PreparedBatch(market: market, policy: base)
        for (share, lotterySeed) in [(0.0, UInt64(1)), (0.35, 2), (0.6, 3)] {
            var policy = base
            policy.quotas[0].amount = .share(share)
            policy.seed = lotterySeed
            #expect(prepared.fits(policy))
            let reused = Allocator.allocate(prepared, policy), fresh = Allocator.allocate(market, policy)
            #expect(reused.household == fresh.household)
            #expect(reused.position == fresh.position)
            #expect(reused.quotas == fresh.quotas)
        }
        var other = base
        other.eligibility.maximumPersonsPerRoom = 1
        #expect(!prepared.fits(other))
    }

    @Test("a ranking shared across lottery seeds gives every seed the allocation a fresh ranking gives",
          arguments: PropertyRuns.sample(Array(UInt64(1)...60), 12))
    func sharedRanking(_ seed: UInt64) throws {
        let market = try #require(ExportReader.read(document: RandomMarket.export(seed: seed)).market)
        for mechanism in ["da", "sequential"] {
            let policy = try PolicyFile.parse(RandomMarket.policy(seed: seed, caps: seed % 2 == 0, mechanism: mechanism), file: "p.toml").get()
            let shared = PreparedBatch(market: market, policy: policy).sharingRanking(of: policy)
            for lotterySeed: UInt64 in [1, 2, 77] {
                var run = policy
                run.seed = lotterySeed
                let reused = Allocator.allocate(shared, run), fresh = Allocator.allocate(market, run)
                #expect(reused.household == fresh.household, "seed \(seed), lottery \(lotterySeed)")
                #expect(reused.reaction == fresh.reaction)
                #expect(reused.position == fresh.position)
                #expect(reused.refusedBy == fresh.refusedBy)
                #expect(reused.quotas == fresh.quotas)
            }
            // Another lottery share draws other adverts by lottery: the shared ranking does not fit, and is not used.
            var lottery = policy
            lottery.ranking.lotteryShare = 0.5
            let reused = Allocator.allocate(shared, lottery), fresh = Allocator.allocate(market, lottery)
            #expect(reused.household == fresh.household && reused.position == fresh.position)
        }
    }
}

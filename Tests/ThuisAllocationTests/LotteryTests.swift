import Testing
import ThuisCore
import ThuisPolicyFile
import ThuisTestSupport
import ThuisXML

/// The lottery is documented so anyone can recompute a draw (Documentation/policy.md).
@Suite struct LotteryTests {
    @Test("draws equal the documented formula (values from the Python snippet in the docs)")
    func documentedValues() {
        #expect(Lottery.draw(seed: 20_261_125, household: "H16", advert: nil) == 1_587_911_047_699_137_604)
        #expect(Lottery.draw(seed: 7, household: "H01", advert: "P01") == 14_844_267_756_381_450_748)
    }

    @Test("a LOT advert's candidate list is the draw order")
    func lotteryAdvert() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
        let allocation = Allocator.allocate(market, policy)
        let p07 = Int(try #require(market.adverts.ids.index(of: "P07")))
        let list = market.reactions.ofAdvert(p07).map(Int.init).sorted { allocation.position[$0] < allocation.position[$1] }
            .map { market.households.ids[Int(market.reactions.household[$0])] }
        #expect(list == list.sorted { Lottery.draw(seed: policy.seed, household: $0, advert: nil) < Lottery.draw(seed: policy.seed, household: $1, advert: nil) })
        #expect(list.first == "H16")
    }

    @Test("a lottery share ranks that share of the adverts by lottery, spread in publication order")
    func lotteryShare() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try PolicyFile.load(Fixtures.path("policies/loting-20.toml")).get()
        let allocation = Allocator.allocate(market, policy)
        let byLottery = (0..<market.adverts.count).filter { allocation.byLottery[$0] }.map { market.adverts.ids[$0] }
        // 15 adverts not let directly: 20% is 3; P07 is a LOT advert, two more are chosen.
        #expect(byLottery == ["P07", "P10", "P13"])
    }
}

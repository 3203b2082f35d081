import Foundation
import Testing
import ThuisCore
import ThuisPolicyFile
import ThuisTestSupport
import ThuisXML

/// The demo region's allocation, as worked out by hand in Fixtures/exports/README.md.
@Suite struct AllocationDemoTests {
    static func run() throws -> (Market, Allocation) {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
        return (market, Allocator.allocate(market, policy))
    }

    static func reaction(_ market: Market, _ household: String, _ advert: String) throws -> Int {
        let h = try #require(market.households.ids.index(of: household))
        return try #require(market.reactions.ofHousehold(Int(h)).first { market.adverts.ids[Int(market.reactions.advert[$0])] == advert })
    }

    @Test("every advert goes to the household worked out by hand")
    func lettings() throws {
        let (market, allocation) = try Self.run()
        let expected = [
            "P01": "H03", "P02": "H09", "P03": "H19", "P04": "H25", "P05": "H14", "P06": "H07", "P07": "H16", "P08": "H22",
            "P09": "H31", "P10": "H24", "P11": "H34", "P12": "H29", "P13": "H46", "P14": "H37", "P15": "H36", "P16": "H48",
        ]
        var actual: [String: String] = [:]
        for a in 0..<market.adverts.count {
            actual[market.adverts.ids[a]] = allocation.household[a] >= 0 ? market.households.ids[Int(allocation.household[a])] : "-"
        }
        #expect(actual == expected)
    }

    @Test("the reserves fall where rotation puts them")
    func reserves() throws {
        let (market, allocation) = try Self.run()
        let reserved = (0..<market.adverts.count).filter { allocation.reservedFor[$0] >= 0 }.map { market.adverts.ids[$0] }
        #expect(reserved == ["P02", "P04", "P06", "P09", "P11", "P14"])
    }

    @Test("nine reactions are excluded, each by the rule worked out by hand")
    func exclusions() throws {
        let (market, allocation) = try Self.run()
        var excluded: [String: String] = [:]
        for r in 0..<market.reactions.count where allocation.exclusion[r] != .eligible {
            let key = "\(market.households.ids[Int(market.reactions.household[r])])>\(market.adverts.ids[Int(market.reactions.advert[r])])"
            excluded[key] = allocation.exclusion[r].code
        }
        #expect(excluded == [
            "H11>P01": "CRITERION_AGE", "H16>P01": "CRITERION_AGE", "H32>P01": "CRITERION_AGE",
            "H18>P04": "TARGET_GROUP", "H18>P09": "TARGET_GROUP", "H47>P10": "AGE_LABEL",
            "H15>P16": "NOT_NAMED", "H34>P16": "NOT_NAMED", "H45>P16": "NOT_NAMED",
        ])
    }

    @Test("the legal caps turn away the households named in the worked example", arguments: [
        ("H29", "P08"), ("H44", "P08"), ("H15", "P08"), ("H05", "P04"), ("H19", "P04"), ("H19", "P15"), ("H27", "P15"), ("H12", "P04"),
    ])
    func capsTurnAway(_ household: String, _ advert: String) throws {
        let (market, allocation) = try Self.run()
        #expect(allocation.refusedBy[try Self.reaction(market, household, advert)] != 0)
    }

    @Test("the floor is met in every municipality, with the figures worked out by hand")
    func floors() throws {
        let (_, allocation) = try Self.run()
        let floors = allocation.quotas.filter { $0.kind == .floor }.map { [$0.scope, "\($0.target)", "\($0.reserved)", "\($0.achieved)", "\($0.shortfall)"] }
        #expect(floors == [
            ["municipality 0321", "2", "1", "3", "0"],
            ["municipality 0344", "3", "3", "5", "0"],
            ["municipality 0356", "2", "2", "3", "0"],
        ])
    }

    @Test("priority statuses outside their validity or scope do not count")
    func priorityValidity() throws {
        let (market, allocation) = try Self.run()
        let aandachtsgroepen = try #require(allocation.groupNames.firstIndex(of: "aandachtsgroepen"))
        #expect(!allocation.isMember(try Self.reaction(market, "H26", "P12"), group: aandachtsgroepen))   // V26 ended
        #expect(!allocation.isMember(try Self.reaction(market, "H40", "P14"), group: aandachtsgroepen))   // V40 not begun
        #expect(allocation.isMember(try Self.reaction(market, "H24", "P10"), group: aandachtsgroepen))    // in Nieuwegein
        #expect(!allocation.isMember(try Self.reaction(market, "H24", "P05"), group: aandachtsgroepen))   // not in Utrecht
        #expect(allocation.isMember(try Self.reaction(market, "H37", "P14"), group: aandachtsgroepen))    // in Houten
    }

    @Test("sequential offers give the by-hand baseline")
    func sequential() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        var policy = try PolicyFile.load(Fixtures.path("policies/een-thuis-voor-iedereen.toml")).get()
        policy.mechanism = .sequential
        let allocation = Allocator.allocate(market, policy)
        // P01 and P02 open first (2026-11-04): each goes to the top of its list.
        let p02 = Int(try #require(market.adverts.ids.index(of: "P02")))
        #expect(market.households.ids[Int(allocation.household[p02])] == "H14")
        // Then P05 (2026-11-06) cannot go to H14 any more: the next senior, H06, gets it.
        let p05 = Int(try #require(market.adverts.ids.index(of: "P05")))
        #expect(market.households.ids[Int(allocation.household[p05])] == "H06")
    }
}

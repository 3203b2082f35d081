import Testing
import ThuisCore

/// The spread within a municipality (Documentation/monitor.md, measure 5), on figures worked out by hand.
@Suite struct AreaConcentrationTests {
    static func stock(_ code: String, _ dwellings: Int, _ social: Int) -> MunicipalStock {
        MunicipalStock(municipality: code, year: 2026, dwellings: dwellings, socialRental: social)
    }

    static let areaStock = ["BU03440101": stock("BU03440101", 1000, 600), "BU03440102": stock("BU03440102", 1000, 200),
                            "BU03440201": stock("BU03440201", 2000, 200)]

    @Test("dissimilarity, the concentrated buurten and each buurt's share, as computed by hand")
    func byHand() throws {
        // g = 6, 2, 2 of G = 10; o = 4, 8, 18 of O = 30: D = ½(|.6 − .1333| + |.2 − .2667| + |.2 − .6|) = 0.4667.
        let c = AreaConcentration(municipality: "0344", kind: .neighbourhood,
                                  lettings: [("BU03440101", 10, 6), ("BU03440102", 10, 2), ("BU03440201", 20, 2)],
                                  stock: Self.areaStock, unplaced: 3)
        #expect(c.key == .stock)
        #expect(abs(try #require(c.dissimilarity) - 0.7 / 1.5) < 1e-12)
        // Social shares 60%, 20%, 10%: the first alone holds 600 of 1000 social dwellings, more than a fifth.
        #expect(c.concentrated == ["BU03440101"])
        #expect(c.stockShareConcentrated == 0.6)
        #expect(c.groupShareConcentrated == 0.6)
        #expect(c.lettingsShareConcentrated == 0.25)
        // Shared out by social stock (600 : 200 : 200), 10 lettings expect 6, 2, 2: nobody over.
        #expect(c.areas.map(\.fairShare.expectedHouseholds) == [6, 2, 2])
        #expect(c.over.isEmpty)
        #expect(c.unplaced == 3)
        let moved = AreaConcentration(municipality: "0344", kind: .neighbourhood,
                                      lettings: [("BU03440101", 10, 7), ("BU03440102", 10, 1), ("BU03440201", 20, 2)],
                                      stock: Self.areaStock, unplaced: 0)
        #expect(moved.over.map(\.code) == ["BU03440101"])
        #expect(moved.areas.map(\.fairShare.gap) == [1, -1, 0])
    }

    @Test("the same spread for the group and the others gives D = 0; apart gives 1; without stock for every area the key is the lettings")
    func extremes() throws {
        let alike = AreaConcentration(municipality: "0344", kind: .district, lettings: [("WK034401", 10, 2), ("WK034402", 20, 4)], stock: [:], unplaced: 0)
        #expect(alike.dissimilarity == 0)
        #expect(alike.key == .lettings)
        #expect(alike.concentrated.isEmpty && alike.groupShareConcentrated == nil)
        #expect(alike.areas.map(\.fairShare.expectedHouseholds) == [2, 4])
        let apart = AreaConcentration(municipality: "0344", kind: .district, lettings: [("WK034401", 5, 5), ("WK034402", 7, 0)], stock: [:], unplaced: 0)
        #expect(apart.dissimilarity == 1)
        let none = AreaConcentration(municipality: "0344", kind: .district, lettings: [("WK034401", 5, 0)], stock: [:], unplaced: 0)
        #expect(none.dissimilarity == nil)
    }
}

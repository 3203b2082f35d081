import Testing
import ThuisCore
import ThuisTestSupport

/// The fair share's arithmetic on random regions: whole households that add up, each within one
/// of the exact share, in any order of the municipalities.
@Suite struct FairShareTests {
    @Test("on 2,000 random regions the expected households add up to the lettings exactly, each is ⌊A·k/K⌋ or one more, and the order does not matter")
    func apportionment() {
        var rng = SeededRandom(seed: 16)
        for _ in 0..<2_000 {
            let n = 1 + rng.below(40)
            let parts = (0..<n).map { i in
                (municipality: String(1000 + i), keyValue: rng.chance(0.1) ? 0 : rng.below(rng.chance(0.5) ? 10 : 200_000), groupLettings: rng.below(rng.chance(0.3) ? 3 : 400))
            }
            let total = parts.reduce(0) { $0 + $1.groupLettings }, keyTotal = parts.reduce(0) { $0 + $1.keyValue }
            let shares = FairShare.shares(parts)
            guard keyTotal > 0 else {
                #expect(shares.allSatisfy { $0.expectedHouseholds == 0 && $0.ratio == nil })
                continue
            }
            #expect(shares.reduce(0) { $0 + $1.expectedHouseholds } == total)
            #expect(shares.reduce(0) { $0 + $1.gap } == 0)
            for s in shares {
                let low = total * s.keyValue / keyTotal
                #expect(s.expectedHouseholds == low || s.expectedHouseholds == low + 1)
                #expect(s.expectedHouseholds == low || total * s.keyValue % keyTotal > 0)
            }
            // Largest remainder: nobody rounded down has a larger remainder than someone rounded up.
            let up = shares.filter { Int128($0.expectedHouseholds * keyTotal) > $0.expectedNumerator }
            let down = shares.filter { Int128($0.expectedHouseholds * keyTotal) < $0.expectedNumerator }
            if let smallestUp = up.map({ $0.expectedNumerator % Int128(keyTotal) }).min(), let largestDown = down.map({ $0.expectedNumerator % Int128(keyTotal) }).max() {
                #expect(smallestUp >= largestDown)
            }
            var shuffled = parts
            shuffled.shuffle(using: &rng)
            let again = Dictionary(uniqueKeysWithValues: FairShare.shares(shuffled).map { ($0.municipality, $0.expectedHouseholds) })
            #expect(shares.allSatisfy { again[$0.municipality] == $0.expectedHouseholds })
        }
    }

    @Test("counts as large as the readers allow do not overflow: 10,000 municipalities of 100 million, a billion lettings")
    func largeCounts() {
        let parts = (0..<10_000).map { i in (municipality: String(10_000 + i), keyValue: 100_000_000 - i, groupLettings: 100_000 + i) }
        let shares = FairShare.shares(parts)
        let total = parts.reduce(0) { $0 + $1.groupLettings }
        #expect(total > 1_000_000_000)
        #expect(shares.reduce(0) { $0 + $1.expectedHouseholds } == total)
        #expect(shares.allSatisfy { $0.ratio != nil && abs($0.ratio! - 1) < 0.1 })
    }

    @Test("a municipality with a tenth of the key and a tenth of the lettings has a ratio of 1 and no gap")
    func fairIsOne() {
        let shares = FairShare.shares([("0001", 100, 10), ("0002", 900, 90)])
        #expect(shares.map(\.ratio) == [1, 1])
        #expect(shares.map(\.gap) == [0, 0])
        #expect(shares.map(\.standing) == [.fair, .fair])
        let skewed = FairShare.shares([("0001", 100, 30), ("0002", 900, 70)])
        #expect(skewed.map(\.expectedHouseholds) == [10, 90])
        #expect(skewed.map(\.gap) == [20, -20])
        #expect(skewed[0].ratio == 3)
    }

    @Test("the programme's norms compare counts exactly: 30% of 7 asks 3; 2,999 of 10,000 falls short")
    func norms() {
        #expect(Norm.programme.least(of: 7) == 3)
        #expect(Norm.programme.least(of: 10) == 3)
        #expect(Norm.programme.least(of: 0) == 0)
        #expect(!Norm.programme.isMet(2_999, of: 10_000))
        #expect(Norm.programme.isMet(3_000, of: 10_000))
        #expect(Norm(0.925).percent == "92.5%")
        #expect(Norm(0.3).percent == "30%")
        #expect(Norm(0.1234).percent == "12.34%")
    }

    @Test("the share needed in new building: the stock reaches 30% with it, not with one dwelling fewer, and never less than 30% of the programme")
    func neededShare() {
        var rng = SeededRandom(seed: 30)
        for _ in 0..<2_000 {
            let dwellings = 1 + rng.below(500_000), social = rng.below(dwellings + 1), planned = rng.below(40_000)
            var settings = ProgrammeMonitor.Settings(year: 2026, targetYear: 2030, group: "g")
            settings.key = .stock
            let monitor = ProgrammeMonitor(stock: [MunicipalStock(municipality: "0001", year: 2026, dwellings: dwellings, socialRental: social)],
                                           plans: [BuildingPlan(municipality: "0001", year: 2027, planned: planned, socialRental: 0)],
                                           lettings: [:], settings: settings)
            let needed = monitor.rows[0].programme!.neededSocialRental
            #expect(10 * needed >= 3 * planned)
            #expect(10 * (social + needed) >= 3 * (dwellings + planned))
            if needed > 0 {
                // One fewer fails one of the two.
                #expect(10 * (needed - 1) < 3 * planned || 10 * (social + needed - 1) < 3 * (dwellings + planned))
            }
        }
    }
}

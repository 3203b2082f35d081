import Testing
import ThuisCore

/// The one population the generator and the simulation draw households from.
@Suite struct HouseholdSamplerTests {
    @Test("households have 1-6 members, the applicant an adult with an income, children none; the same seed, the same households")
    func shape() {
        var rng = SeededRandom(seed: 42), again = SeededRandom(seed: 42)
        var sizes = Array(repeating: 0, count: 7), incomes: [Int] = []
        for _ in 0..<20_000 {
            let members = HouseholdSampler.draw(&rng)
            #expect(members == HouseholdSampler.draw(&again))
            sizes[members.count] += 1
            #expect((19...89).contains(members[0].years))
            #expect(members.allSatisfy { (0...364).contains($0.days) })
            let adults = members.prefix { $0.income != nil }
            #expect((1...2).contains(adults.count))
            #expect(adults.allSatisfy { $0.years >= 18 && $0.income! <= 400_000 })
            #expect(members.dropFirst(adults.count).allSatisfy { $0.income == nil && $0.years < 18 })
            incomes.append(members[0].income!)
        }
        #expect(sizes[0] == 0 && sizes[1] > sizes[2] && sizes[2] > sizes[5] && sizes[5] > sizes[6] && sizes[6] > 0)
        // Lognormal around e^10.24 (about 28k): the median applicant's income.
        let median = incomes.sorted()[incomes.count / 2]
        #expect((25_000...31_000).contains(median))
    }
}

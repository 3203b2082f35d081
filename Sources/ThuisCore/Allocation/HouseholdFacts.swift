/// What the rules ask of each household on the reference date, computed once per batch.
struct HouseholdFacts {
    /// Age of the oldest member.
    var oldestAge: ContiguousArray<Int16>
    /// Whether the oldest member has reached pension age.
    var pensionAge: ContiguousArray<Bool>

    init(_ market: Market, _ law: LegalParameters) {
        let day = market.batch.referenceDate
        let n = market.households.count
        oldestAge = ContiguousArray(repeating: 0, count: n)
        pensionAge = ContiguousArray(repeating: false, count: n)
        for h in 0..<n {
            let age = day.years(since: market.households.oldestBirthDate[h])
            oldestAge[h] = Int16(clamping: age)
            pensionAge[h] = age >= law.pensionAge
        }
    }
}

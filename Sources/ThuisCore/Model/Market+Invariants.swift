extension Market {
    /// Checks what every part of Thuis assumes of a market, in the manner of swift-collections'
    /// `_checkInvariants`: each table's columns have one entry per record, every index points
    /// into its table, ids are in canonical (byte) order, and the reactions are grouped per
    /// household and per advert as ``Reactions`` says. Traps on the first broken one. Called by
    /// the tests, the fuzzers and, in debug builds, by the readers on every market they build;
    /// a release build does not pay for it.
    public func checkInvariants() {
        func inRange(_ column: ContiguousArray<Int32>, _ count: Int, allowingNone: Bool, _ what: String) {
            precondition(column.allSatisfy { (allowingNone && $0 == -1) || (0..<Int32(count)).contains($0) }, what)
        }
        func ordered(_ ids: IdTable, _ what: String) {
            let sorted = ids.sortedIndices()
            precondition(sorted.elementsEqual(0..<Int32(ids.count)), what)
        }
        func starts(_ start: ContiguousArray<Int32>, _ records: Int, _ items: Int, _ what: String) {
            precondition(start.count == records + 1 && start.first == 0 && Int(start.last!) == items, what)
            precondition(zip(start, start.dropFirst()).allSatisfy { $0 <= $1 }, what)
        }
        let d = dwellings.count, a = adverts.count, h = households.count, r = reactions.count
        precondition(dwellings.ids.count == d && [dwellings.corporation.count, dwellings.rooms.count, dwellings.rent.count,
                     dwellings.socialLabel.count].allSatisfy { $0 == d }, "dwelling columns")
        inRange(dwellings.municipality, municipalities.count, allowingNone: false, "dwelling municipality")
        inRange(dwellings.corporation, corporations.count, allowingNone: false, "dwelling corporation")
        starts(dwellings.criteriaStart, d, dwellings.criteria.count, "dwelling criteria")
        precondition(adverts.ids.count == a && [adverts.start.count, adverts.end.count, adverts.dwelling.count,
                     adverts.namedHousehold.count, adverts.reserveLabel.count].allSatisfy { $0 == a }, "advert columns")
        inRange(adverts.dwelling, d, allowingNone: false, "advert dwelling")
        inRange(adverts.namedHousehold, h, allowingNone: true, "advert named household")
        inRange(adverts.reserveLabel, reserveLabels.count, allowingNone: true, "advert reserve label")
        precondition(households.ids.count == h && [households.municipality.count, households.persons.count,
                     households.income.count, households.registrationDate.count].allSatisfy { $0 == h }, "household columns")
        inRange(households.municipality, municipalities.count, allowingNone: true, "household municipality")
        starts(households.memberStart, h, households.memberBirthDate.count, "household members")
        precondition([reactions.advert.count, reactions.date.count, reactions.preferenceNumber.count,
                      reactions.advertOrder.count].allSatisfy { $0 == r }, "reaction columns")
        inRange(reactions.household, h, allowingNone: false, "reaction household")
        inRange(reactions.advert, a, allowingNone: false, "reaction advert")
        starts(reactions.householdStart, h, r, "reactions by household")
        starts(reactions.advertStart, a, r, "reactions by advert")
        for house in 0..<h {
            for i in reactions.ofHousehold(house) { precondition(reactions.household[i] == Int32(house), "reactions grouped by household") }
        }
        var seen = [Bool](repeating: false, count: r)
        for advert in 0..<a {
            for k in Int(reactions.advertStart[advert])..<Int(reactions.advertStart[advert + 1]) {
                let i = Int(reactions.advertOrder[k])
                precondition(reactions.advert[i] == Int32(advert) && !seen[i], "reactions grouped by advert, each once")
                seen[i] = true
            }
        }
        ordered(dwellings.ids, "dwellings in id order")
        ordered(adverts.ids, "adverts in id order")
        ordered(households.ids, "households in id order")
    }
}

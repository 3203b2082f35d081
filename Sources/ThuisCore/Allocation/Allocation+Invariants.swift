extension Allocation {
    /// Checks what reports and verify assume of an allocation of `market` (see
    /// ``Market/checkInvariants()``): one entry per advert and per reaction in each column, a
    /// letting only through an eligible reaction of that household to that advert, no household
    /// let two adverts, reserves naming a quota. Traps on the first broken one. Called by the
    /// tests and, in debug builds, by ``Allocator/allocate(_:_:period:)``.
    public func checkInvariants(_ market: Market) {
        let a = market.adverts.count, h = market.households.count, r = market.reactions.count
        precondition([household.count, reaction.count, reservedFor.count].allSatisfy { $0 == a }, "allocation columns per advert")
        precondition([exclusion.count, position.count, groups.count, preference.count].allSatisfy { $0 == r }, "allocation columns per reaction")
        var housed = [Bool](repeating: false, count: h)
        for advert in 0..<a {
            let holder = Int(household[advert]), through = Int(reaction[advert])
            precondition((-1..<h).contains(holder) && (-1..<r).contains(through), "letting index in range")
            precondition((-1..<quotaNames.count).contains(Int(reservedFor[advert])), "reserve names a quota")
            if through >= 0 {
                precondition(holder >= 0 && Int(market.reactions.advert[through]) == advert && Int(market.reactions.household[through]) == holder,
                             "a letting goes through its household's reaction to its advert")
                precondition(exclusion[through] == .eligible, "a letting goes through an eligible reaction")
            }
            if holder >= 0 {
                precondition(!housed[holder], "no household is let two adverts")
                housed[holder] = true
            }
        }
        for i in 0..<r { precondition(exclusion[i] == .eligible || position[i] == 0, "a place only for an eligible reaction") }
    }
}

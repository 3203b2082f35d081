/// The ``OfferHistory`` of a batch by index: per household whether the ledger bars it from
/// every advert (housed, or at its limit of open offers), and the adverts each refused. Built
/// once per batch; an empty history costs eligibility one branch per reaction.
struct OfferBars: Sendable, Equatable {
    /// Per household: `.alreadyHoused`, `.openOffer`, or `.eligible`; empty when nobody is barred.
    private var household: ContiguousArray<ExclusionReason> = []
    /// Per household: whether it refused any advert of the batch; empty when none did.
    private var refusing: ContiguousArray<Bool> = []
    /// `household << 32 | advert` of each refused pair.
    private var refused: Set<Int64> = []

    /// Whether the history bars nobody in this batch.
    var isEmpty: Bool { household.isEmpty && refused.isEmpty }

    init() {}

    init(_ market: Market, _ history: OfferHistory, _ rules: OfferRules) {
        guard !history.isEmpty else { return }
        let ids = market.households.ids
        var household = ContiguousArray<ExclusionReason>(repeating: .eligible, count: market.households.count)
        var refusing = ContiguousArray<Bool>(repeating: false, count: market.households.count)
        for (id, open) in history.openOffers where open.count >= rules.maxOpen {
            if let h = ids.index(of: id) { household[Int(h)] = .openOffer }
        }
        for id in history.housed.keys {
            if let h = ids.index(of: id) { household[Int(h)] = .alreadyHoused }
        }
        for (id, adverts) in history.refused {
            guard let h = ids.index(of: id) else { continue }
            for advert in adverts.keys {
                guard let a = market.adverts.ids.index(of: advert) else { continue }
                refused.insert(Int64(h) << 32 | Int64(a))
                refusing[Int(h)] = true
            }
        }
        if household.contains(where: { $0 != .eligible }) { self.household = household }
        if !refused.isEmpty { self.refusing = refusing }
    }

    /// Why household `h` may not be offered advert `a`; `.eligible` when nothing bars it. The
    /// order is ``OfferHistory/bar(household:advert:_:)``'s.
    func reason(household h: Int, advert a: Int) -> ExclusionReason {
        let barred = household.isEmpty ? .eligible : household[h]
        if barred == .alreadyHoused { return barred }
        if !refusing.isEmpty && refusing[h] && refused.contains(Int64(h) << 32 | Int64(a)) { return .refusedBefore }
        return barred
    }
}

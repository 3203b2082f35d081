/// What earlier offers say about the households of a batch, as the ledger (and the export's
/// Aanbieding records) hold them: who is housed, who waits on an open offer, and which adverts
/// each household refused or lost. Allocation turns these into ``ExclusionReason/alreadyHoused``,
/// ``ExclusionReason/openOffer`` and ``ExclusionReason/refusedBefore``.
///
/// Keyed by external ids and holding only the batch's households, so that a run's
/// `summary.json` can carry it and a replay gives the same allocation.
public struct OfferHistory: Sendable, Equatable, Codable {
    /// Households that accepted an offer, each with how, e.g. "accepted PN23-0000048 (batch
    /// 2026-11-23-98c781a8b91d, offered 2026-11-23) on 2026-11-23".
    public var housed: [String: String] = [:]
    /// Per household: its open offers (not yet answered), each described.
    public var openOffers: [String: [String]] = [:]
    /// Per household and advert: how its offer of that advert ended (refused, or withdrawn).
    public var refused: [String: [String: String]] = [:]

    public init() {}

    /// Whether the history bars nobody.
    public var isEmpty: Bool { housed.isEmpty && openOffers.isEmpty && refused.isEmpty }

    /// Why the history bars household `household` from advert `advert` under `rules`, with how
    /// (the sentence explain gives); nil when it does not. A housed household is barred first,
    /// then a refused advert, then a household at its limit of open offers.
    public func bar(household: String, advert: String, _ rules: OfferRules) -> (reason: ExclusionReason, how: String)? {
        if let how = housed[household] { return (.alreadyHoused, how) }
        if let how = refused[household]?[advert] { return (.refusedBefore, how) }
        if let open = openOffers[household], open.count >= rules.maxOpen {
            return (.openOffer, open.joined(separator: "; "))
        }
        return nil
    }
}

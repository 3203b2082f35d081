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
    /// Per household and advert: its open offers (not yet answered), each described.
    public var openOffers: [String: [String: String]] = [:]
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
            return (.openOffer, open.sorted { $0.key < $1.key }.map(\.value).joined(separator: "; "))
        }
        return nil
    }

    /// Adds what one offer of `advert` to `household` says, in the order offers were made: an
    /// acceptance houses the household, an open offer waits, a refusal or a withdrawal bars the
    /// advert (but a withdrawal made because the offer was wrong, ``OfferDetailStatus/offeredInError``),
    /// and any answer closes the open offer. `made` describes the offer ("P05 (batch B,
    /// offered D)"), `answered` the answer's day. With `keeping`, a fact already known about the
    /// household and advert stays (the export's records beside the ledger's).
    public mutating func add(_ status: OfferStatus, advert: String, household: String, made: String, answered: Day?, detail: String?,
                             keeping: Bool = false) {
        let on = answered.map { " on \($0)" } ?? "", code = detail.map { " \($0)" } ?? ""
        if status != .offered { openOffers[household]?[advert] = nil }
        if openOffers[household]?.isEmpty == true { openOffers[household] = nil }
        switch status {
        case .allocated:
            if !keeping || housed[household] == nil { housed[household] = "it accepted \(made)\(on)" }
        case .offered:
            if !keeping || openOffers[household]?[advert] == nil { openOffers[household, default: [:]][advert] = "it holds an open offer of \(made)" }
        case .refused:
            if !keeping || refused[household]?[advert] == nil { refused[household, default: [:]][advert] = "it refused \(made)\(on) (GEW\(code))" }
        case .withdrawn:
            guard OfferDetailStatus.barsHousehold(withdrawnWith: detail) else { return }
            if !keeping || refused[household]?[advert] == nil {
                refused[household, default: [:]][advert] = "its offer of \(made) was withdrawn\(on) (ING\(code))"
            }
        }
    }
}

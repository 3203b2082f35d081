/// Why a reaction did or did not get its advert, as the files state it: one fact per reaction
/// that a reader can check against the rest of the output without rerunning anything.
public enum ReactionOutcome: Equatable, Sendable {
    /// Not eligible (the exclusion reason says why).
    case ineligible
    /// This reaction got the advert.
    case let_
    /// The household got this advert by a direct allocation.
    case direct
    /// Another household held the advert and ranked above it.
    case rankedBelow
    /// Housed at this advert (an index), which it ranked as more wanted (deferred acceptance).
    case housedPreferred(Int)
    /// Housed at this advert, offered before this one (sequential offers go in publication order).
    case housedEarlier(Int)
    /// Allocated this advert directly, so it took part no further.
    case housedDirectly(Int)
    /// The advert is let directly (a DIS advert): reactions to it are not ranked into it.
    case advertDirect
    /// Turned away at this advert by these caps (bits as in ``Allocation/refusedBy``; with
    /// ``CapRefusals/kept`` set, the caps have room at the end but letting it in broke another rule).
    case refused(UInt64)
    /// Ranked above the holder (or the advert is unlet) with none of the reasons above: a
    /// blocking pair. The mechanisms never leave one; the outputs say so if they ever did.
    case unexplained

    /// Equal for outcomes with the same code (writers cache the code's text by it).
    public var codeKey: UInt64 {
        switch self {
        case .ineligible: return 0
        case .let_: return 1
        case .direct: return 2
        case .rankedBelow: return 3
        case .housedPreferred: return 4
        case .housedEarlier: return 5
        case .housedDirectly: return 6
        case .advertDirect: return 7
        case .unexplained: return 8
        case .refused(let bits): return 16 &+ bits   // bits is never 0 here; 16 + bits stays clear of the codes above
        }
    }

    /// The code in `candidates.csv`'s `outcome` column.
    public func code(_ allocation: Allocation) -> String {
        switch self {
        case .ineligible: return ""
        case .let_: return "let"
        case .direct: return "direct"
        case .rankedBelow: return "ranked_below"
        case .housedPreferred: return "housed_preferred"
        case .housedEarlier: return "housed_earlier"
        case .housedDirectly: return "housed_direct"
        case .advertDirect: return "advert_direct"
        case .refused(let bits):
            let prefix = bits & CapRefusals.kept != 0 ? "kept:" : "cap:"
            return allocation.capNames(bits).map { prefix + $0 }.joined(separator: ";")
        case .unexplained: return "unexplained"
        }
    }
}

/// The outcome of every reaction of an allocation (see ``ReactionOutcome``).
public struct ReactionOutcomes: Sendable {
    let market: Market
    let allocation: Allocation
    /// Per household: the advert it is let, or -1.
    public let housedAt: ContiguousArray<Int32>
    /// Per advert: the place and the preference of the reaction it was let through (`Int32.max`
    /// when none), kept by advert so that an outcome reads no other reaction's row.
    private let heldPosition: ContiguousArray<Int32>
    private let heldPreference: ContiguousArray<Int32>

    public init(_ market: Market, _ allocation: Allocation) {
        self.market = market
        self.allocation = allocation
        var housedAt = ContiguousArray<Int32>(repeating: -1, count: market.households.count)
        var heldPosition = ContiguousArray<Int32>(repeating: .max, count: market.adverts.count)
        var heldPreference = heldPosition
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
            housedAt[Int(allocation.household[a])] = Int32(a)
            let w = Int(allocation.reaction[a])
            if w >= 0 {
                heldPosition[a] = allocation.position[w]
                heldPreference[a] = allocation.preference[w]
            }
        }
        self.housedAt = housedAt
        self.heldPosition = heldPosition
        self.heldPreference = heldPreference
    }

    /// Whether advert `a` was let by a direct allocation.
    public func isDirect(_ a: Int) -> Bool {
        allocation.household[a] >= 0 && market.adverts.model[a] == .direct
    }

    public func callAsFunction(_ r: Int) -> ReactionOutcome {
        guard allocation.exclusion[r] == .eligible else { return .ineligible }
        return eligible(r, advert: Int(market.reactions.advert[r]), household: Int(market.reactions.household[r]),
                        position: allocation.position[r], preference: allocation.preference[r])
    }

    /// The outcome of eligible reaction `r` of household `h` to advert `a`, at `position` there
    /// and `preference` in the household's list: what a caller that has read these already
    /// (candidates.csv, 30M rows at random places) need not read again.
    @inline(__always)
    public func eligible(_ r: Int, advert a: Int, household h: Int, position: Int32, preference: Int32) -> ReactionOutcome {
        if allocation.household[a] == Int32(h) { return isDirect(a) ? .direct : .let_ }
        if market.adverts.model[a] == .direct { return .advertDirect }
        // heldPosition is Int32.max when the advert is unlet or let without a reaction.
        if heldPosition[a] < position { return .rankedBelow }
        let refused = allocation.refusedBy[r]
        if refused != 0 { return .refused(refused) }
        let x = Int(housedAt[h])
        guard x >= 0 else { return .unexplained }
        if isDirect(x) { return .housedDirectly(x) }
        if allocation.mechanism == .sequential { return .housedEarlier(x) }
        return heldPreference[x] < preference ? .housedPreferred(x) : .unexplained
    }
}

/// The result of one allocation run: who gets which advert, every reaction's eligibility and
/// place, the reserves, and how each quota fared. Indices are the market's.
public struct Allocation: Sendable {
    public var policyName: String
    public var mechanism: Mechanism
    public var seed: UInt64
    /// The groups of the policy, in order; bit `i` of ``groups`` is group `i`.
    public var groupNames: [String]
    /// Per advert: the household it is let to, or -1.
    public var household: ContiguousArray<Int32>
    /// Per advert: the reaction it was let through, or -1 (unlet, or a direct allocation without one).
    public var reaction: ContiguousArray<Int32>
    /// Per advert: the floor quota (index into ``quotaNames``) it was reserved for, or -1.
    public var reservedFor: ContiguousArray<Int32>
    /// Names of the policy's quotas and the legal caps, as reports show them.
    public var quotaNames: [String]
    /// Per reaction: eligible, or the rule that excluded it.
    public var exclusion: ContiguousArray<ExclusionReason>
    /// Per reaction: 1-based place in the advert's effective ranking (reserves applied); 0 when ineligible.
    public var position: ContiguousArray<Int32>
    /// Per reaction: the groups the household belongs to at that advert (valid, in scope).
    public var groups: ContiguousArray<UInt32>
    /// Per reaction: the household's own preference rank among all its reactions (1 = most wanted).
    public var preference: PreferenceRanks
    /// Per reaction: the caps (bit `c`: ``caps``[c]) that turned it away at its advert; 0 when none did.
    public var refusedBy: CapRefusals
    /// The caps the mechanism enforced (the policy's, then the legal ones), in refusal-bit order.
    public var caps: [CapRule]
    /// Per reaction: counts against the DAEB free share / is benefit-eligible / is a passend exception.
    public var aboveDaebLimit: ContiguousArray<Bool>
    public var benefitEligible: ContiguousArray<Bool>
    public var passendException: ContiguousArray<Bool>
    /// Per advert: the groups of the household it is let to, at that advert (0 when unlet).
    public var lettingGroups: ContiguousArray<UInt32>
    /// Per advert: the letting's legal flags (false when unlet).
    public var lettingAboveDaebLimit: ContiguousArray<Bool>
    public var lettingBenefitEligible: ContiguousArray<Bool>
    public var lettingPassendException: ContiguousArray<Bool>
    /// Per advert: why it is unlet, or why a direct allocation was not made ("" otherwise).
    public var notes: [Int: String]
    /// Per advert: ranked by the lottery only.
    public var byLottery: ContiguousArray<Bool>
    /// Per advert with an age label: the tier that applied ("65+"), or "everyone" after fallback.
    public var ageTier: [Int: String]
    /// How each quota and legal cap fared, per scope.
    public var quotas: [QuotaOutcome]
    /// What the quotas' periods held before this batch (from a ledger, or the policy file).
    public var period: PeriodState
    /// Mechanism runs (more than one when reserves were re-labelled or a cap tightened).
    public var rounds: Int
    /// Why each ranked advert ordered its reactions so: the key components, per reaction.
    public var rankingComponents: [RankingComponent]
    /// Any reaction's key components (made when asked).
    public var rankingKeys: RankingKeys

    /// Number of adverts let.
    public var lettings: Int { household.lazy.filter { $0 >= 0 }.count }

    /// Whether group `g` contains the household of reaction `r` at its advert.
    public func isMember(_ r: Int, group g: Int) -> Bool { groups[r] & (1 << UInt32(g)) != 0 }

    /// The caps a letting through reaction `r` counts against, one bit each as in ``refusedBy``.
    public func countsAgainst(_ r: Int) -> UInt64 {
        countsAgainst(groups: groups[r], aboveDaebLimit: aboveDaebLimit[r], passendException: passendException[r])
    }

    /// The caps a letting to a household of `groups` with these legal flags counts against.
    public func countsAgainst(groups: UInt32, aboveDaebLimit: Bool, passendException: Bool) -> UInt64 {
        capBits { $0.counts(groups: groups, aboveDaebLimit: aboveDaebLimit, passendException: passendException) }
    }

    /// The caps the letting of advert `a` counts against (0 when unlet).
    public func lettingCountsAgainst(_ a: Int) -> UInt64 {
        guard household[a] >= 0 else { return 0 }
        return capBits { $0.counts(groups: lettingGroups[a], aboveDaebLimit: lettingAboveDaebLimit[a], passendException: lettingPassendException[a]) }
    }

    private func capBits(_ counts: (CapRule) -> Bool) -> UInt64 {
        var bits: UInt64 = 0
        for (c, cap) in caps.enumerated() where counts(cap) { bits |= 1 << UInt64(c) }
        return bits
    }

    /// The names of the caps in `bits`, in cap order.
    public func capNames(_ bits: UInt64) -> [String] {
        caps.indices.filter { bits & (1 << UInt64($0)) != 0 }.map { caps[$0].name }
    }

    /// The ranking key components of reaction `r`.
    public func rankingKey(_ r: Int) -> [Int64] { rankingKeys.key(r) }
}

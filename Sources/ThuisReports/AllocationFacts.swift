import ThuisCore

/// Figures derived from an allocation for reports: lettings per group, legal shares.
public struct AllocationFacts: Sendable {
    public let market: Market
    public let allocation: Allocation
    public let policy: Policy

    public init(market: Market, allocation: Allocation, policy: Policy) {
        self.market = market
        self.allocation = allocation
        self.policy = policy
    }

    /// Group names for group bits, in policy order.
    public func groupNames(_ bits: UInt32) -> [String] {
        allocation.groupNames.enumerated().filter { bits & (1 << UInt32($0.offset)) != 0 }.map(\.element)
    }

    /// Lettings per group name, then `regular` for households in no group.
    public func lettingsPerGroup() -> [(group: String, lettings: Int)] {
        var counts = Array(repeating: 0, count: allocation.groupNames.count)
        var regular = 0
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
            let bits = allocation.lettingGroups[a]
            if bits == 0 { regular += 1 }
            for g in counts.indices where bits & (1 << UInt32(g)) != 0 { counts[g] += 1 }
        }
        return zip(allocation.groupNames, counts).map { ($0, $1) } + [("regular", regular)]
    }

    /// Per corporation: social (DAEB) lettings, and those within the DAEB income limit.
    public func daebShares() -> [(corporation: String, within: Int, social: Int)] {
        var within: [Int32: Int] = [:], social: [Int32: Int] = [:]
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 {
            let d = Int(market.adverts.dwelling[a])
            guard market.dwellings.socialLabel[d] == .social else { continue }
            let c = market.dwellings.corporation[d]
            social[c, default: 0] += 1
            let h = Int(allocation.household[a])
            if market.households.income[h] <= policy.law.daebLimit(persons: Int(market.households.persons[h])) {
                within[c, default: 0] += 1
            }
        }
        return social.keys.sorted().map { (market.corporations[Int($0)], within[$0, default: 0], social[$0]!) }
    }

    /// Lettings to benefit-eligible households, and those at or under the aftoppingsgrens.
    public func passendShare() -> (passend: Int, benefitEligible: Int) {
        var passend = 0, eligible = 0
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 && allocation.lettingBenefitEligible[a] {
            eligible += 1
            if !allocation.lettingPassendException[a] { passend += 1 }
        }
        return (passend, eligible)
    }

    /// `PAS`, `NIE` or `NVT` for the letting of advert `a` (Toewijzing passendheidsoort).
    public func passendheidsoort(_ a: Int) -> String {
        guard allocation.lettingBenefitEligible[a] else { return "NVT" }
        return allocation.lettingPassendException[a] ? "NIE" : "PAS"
    }

    /// The valid, in-scope priority statuses of the household let advert `a`.
    public func appliedPriorities(_ a: Int) -> [Int] {
        let h = Int(allocation.household[a])
        guard h >= 0 else { return [] }
        let d = Int(market.adverts.dwelling[a])
        return market.households.priorityRange(h).filter {
            market.priorities.isValid($0, on: market.batch.referenceDate) && market.priorities.applies($0, atDwelling: d, of: market.dwellings)
        }
    }

    /// Adverts in id order (the market's canonical order).
    public var advertIndices: Range<Int> { 0..<market.adverts.count }

    /// The name of the quota an advert was reserved for, or "".
    public func reserveName(_ a: Int) -> String {
        let q = Int(allocation.reservedFor[a])
        return q >= 0 ? policy.quotas[q].name : ""
    }
}

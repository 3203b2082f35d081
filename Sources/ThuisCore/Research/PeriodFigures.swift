
/// Fills a policy's quotas with what earlier batches of their period let, so that a yearly
/// floor is met over the year, not per night; half-year tasks carry a shortfall over. The
/// lettings come from wherever they are kept (the ledger, a simulation).
public enum PeriodFigures {
    /// The policy with `soFar` of every year or half-year quota, and of the legal caps, from the
    /// lettings that `lettings(from, until)` returns for days in `from..<until`, up to and
    /// including `day`.
    public static func apply(to policy: Policy, on day: Day,
                             lettings: (_ from: Day, _ until: Day) throws -> [LettingRecord]) rethrows -> Policy {
        var policy = policy
        let (year, month, _) = day.components
        let until = day.adding(days: 1)
        let yearStart = Day(year: year, month: 1, day: 1)!
        let halfStart = Day(year: year, month: month <= 6 ? 1 : 7, day: 1)!
        let previousHalf = month <= 6 ? Day(year: year - 1, month: 7, day: 1)! : yearStart
        let yearRows = try lettings(yearStart, until)
        let halfRows = try lettings(halfStart, until)
        let previousRows = try lettings(previousHalf, halfStart)

        for i in policy.quotas.indices where policy.quotas[i].period != .batch {
            let quota = policy.quotas[i]
            let rows = quota.period == .year ? yearRows : halfRows
            var soFar = tally(rows, quota)
            if quota.period == .halfYear && quota.kind == .floor {
                // What the previous half-year fell short of its target is owed now.
                for (value, previous) in tally(previousRows, quota) {
                    let target = floorTarget(quota, lettings: previous.lettings)
                    soFar[value, default: Quota.SoFar(scopeValue: value, lettings: 0, group: 0)].carryOver = max(0, target - previous.group)
                }
            }
            // Explicit figures in the policy for earlier, unrecorded lettings add to these.
            for given in quota.soFar {
                soFar[given.scopeValue, default: Quota.SoFar(scopeValue: given.scopeValue, lettings: 0, group: 0)].lettings += given.lettings
                soFar[given.scopeValue]!.group += given.group
                soFar[given.scopeValue]!.carryOver += given.carryOver
            }
            policy.quotas[i].soFar = soFar.values.sorted { $0.scopeValue < $1.scopeValue }
        }

        var daeb: [String: Quota.SoFar] = [:], passend: [String: Quota.SoFar] = [:]
        for row in yearRows {
            if row.social {
                daeb[row.corporation, default: Quota.SoFar(scopeValue: row.corporation, lettings: 0, group: 0)].lettings += 1
                if row.aboveDaebLimit { daeb[row.corporation]!.group += 1 }
            }
            if row.benefitEligible {
                passend[row.corporation, default: Quota.SoFar(scopeValue: row.corporation, lettings: 0, group: 0)].lettings += 1
                if row.passendException { passend[row.corporation]!.group += 1 }
            }
        }
        policy.legalSoFar["daeb-free-share"] = Array(daeb.values)
        policy.legalSoFar["passend-exceptions"] = Array(passend.values)
        return policy
    }

    /// Lettings and the group's part of them (in the quota's unit), per scope value.
    static func tally(_ rows: [LettingRecord], _ quota: Quota) -> [String: Quota.SoFar] {
        var result: [String: Quota.SoFar] = [:]
        for row in rows {
            let value: String
            switch quota.scope {
            case .region: value = "region"
            case .municipality: value = row.municipality
            case .corporation: value = row.corporation
            }
            result[value, default: Quota.SoFar(scopeValue: value, lettings: 0, group: 0)].lettings += 1
            if row.groups.contains(quota.group) {
                result[value]!.group += quota.unit == .persons ? row.persons : 1
            }
        }
        return result
    }

    static func floorTarget(_ quota: Quota, lettings: Int) -> Int {
        switch quota.amount {
        case .count(let n): return n
        case .share(let share): return Int((share * Double(lettings) - 1e-9).rounded(.up))
        }
    }
}

/// A letting (or an offer not yet answered) as period figures count it.
public struct LettingRecord: Sendable, Equatable {
    public var municipality: String
    public var corporation: String
    public var groups: Set<String>
    public var persons: Int
    public var social: Bool
    public var aboveDaebLimit: Bool
    public var benefitEligible: Bool
    public var passendException: Bool

    public init(municipality: String, corporation: String, groups: Set<String>, persons: Int, social: Bool,
                aboveDaebLimit: Bool, benefitEligible: Bool, passendException: Bool) {
        self.municipality = municipality
        self.corporation = corporation
        self.groups = groups
        self.persons = persons
        self.social = social
        self.aboveDaebLimit = aboveDaebLimit
        self.benefitEligible = benefitEligible
        self.passendException = passendException
    }
}

import ThuisCore

/// Fills a policy's quotas with what the ledger holds for their period, so that a yearly
/// floor is met over the year, not per night; half-year tasks carry a shortfall over.
public enum YearToDate {
    /// The policy with `soFar` of every year or half-year quota, and of the legal caps, taken
    /// from the ledger's lettings (accepted or still open offers) up to and including `day`.
    public static func apply(to policy: Policy, on day: Day, in ledger: LedgerTransaction) throws -> Policy {
        var policy = policy
        let (year, month, _) = day.components
        let until = day.adding(days: 1).description
        let yearStart = Day(year: year, month: 1, day: 1)!
        let halfStart = Day(year: year, month: month <= 6 ? 1 : 7, day: 1)!
        let previousHalf = month <= 6 ? Day(year: year - 1, month: 7, day: 1)! : yearStart
        let yearRows = try ledger.lettings(from: yearStart.description, until: until)
        let halfRows = try ledger.lettings(from: halfStart.description, until: until)
        let previousRows = try ledger.lettings(from: previousHalf.description, until: halfStart.description)

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
            // Explicit figures in the policy for earlier, unrecorded lettings add to the ledger's.
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
    static func tally(_ rows: [LettingRow], _ quota: Quota) -> [String: Quota.SoFar] {
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

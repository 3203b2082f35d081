
/// What earlier batches of a quota's period let, so that a yearly floor is met over the year,
/// not per night, and a half-year task carries its shortfall over. The lettings come from
/// wherever they are kept (the ledger, a simulation); the result is a ``PeriodState``.
public enum PeriodFigures {
    /// The period state on `day` for `policy`'s year and half-year quotas and the legal caps,
    /// from the lettings that `lettings(from, until)` returns for days in `from..<until`, up to
    /// and including `day`; batch quotas keep the figures the policy file gives.
    public static func state(for policy: Policy, on day: Day,
                             lettings: (_ from: Day, _ until: Day) throws -> [LettingRecord]) rethrows -> PeriodState {
        var state = PeriodState(given: policy)
        let (year, month, _) = day.components
        let until = day.adding(days: 1)
        let yearStart = Day(year: year, month: 1, day: 1)!
        let halfStart = Day(year: year, month: month <= 6 ? 1 : 7, day: 1)!
        // Before year 1 there is no previous half-year (an empty range, not a crash).
        let previousHalf = month <= 6 ? Day(year: year - 1, month: 7, day: 1) ?? halfStart : yearStart
        let yearRows = try lettings(yearStart, until)
        let halfRows = try lettings(halfStart, until)
        let previousRows = try lettings(previousHalf, halfStart)

        for quota in policy.quotas where quota.period != .batch {
            let rows = quota.period == .year ? yearRows : halfRows
            var soFar = tally(rows, quota)
            let missing = unplaced(rows, quota.scope)
            if missing > 0 { state.unplaced[quota.name] = missing }
            if quota.period == .halfYear && quota.kind == .floor {
                // What the previous half-year fell short of its target is owed now.
                for (value, previous) in tally(previousRows, quota) {
                    soFar[value, default: Quota.SoFar(scopeValue: value, lettings: 0, group: 0)].carryOver = shortfall(quota, previous)
                }
            }
            // Explicit figures in the policy for earlier, unrecorded lettings add to these.
            for given in quota.given {
                soFar[given.scopeValue, default: Quota.SoFar(scopeValue: given.scopeValue, lettings: 0, group: 0)].lettings += given.lettings
                soFar[given.scopeValue]!.group += given.group
                soFar[given.scopeValue]!.carryOver += given.carryOver
            }
            state.quotas[quota.name] = soFar.values.sorted { $0.scopeValue < $1.scopeValue }
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
        state.legalCaps[PeriodState.daebFreeShare] = daeb.values.sorted { $0.scopeValue < $1.scopeValue }
        state.legalCaps[PeriodState.passendExceptions] = passend.values.sorted { $0.scopeValue < $1.scopeValue }
        return state
    }

    /// Lettings and the group's part of them (in the quota's unit), per scope value.
    public static func tally(_ rows: [LettingRecord], _ quota: Quota) -> [String: Quota.SoFar] {
        var result: [String: Quota.SoFar] = [:]
        for row in rows {
            // A letting recorded without the quota's area counts in none of its scopes.
            guard let value = scopeValue(of: row, quota.scope) else { continue }
            result[value, default: Quota.SoFar(scopeValue: value, lettings: 0, group: 0)].lettings += 1
            if row.groups.contains(quota.group) {
                result[value]!.group += quota.unit == .persons ? row.persons : 1
            }
        }
        return result
    }

    /// What a floor fell short of in a period that held `figures`: carried over into the next
    /// half-year.
    public static func shortfall(_ quota: Quota, _ figures: Quota.SoFar) -> Int {
        max(0, quota.amount.least(of: figures.lettings) - figures.group)
    }

    /// The scope value a letting counts in: `region`, its municipality, its corporation or its
    /// area; nil for an area the letting was recorded without.
    public static func scopeValue(of row: LettingRecord, _ scope: Quota.Scope) -> String? {
        switch scope {
        case .region: return "region"
        case .municipality: return row.municipality
        case .corporation: return row.corporation
        case .borough, .district, .neighbourhood, .complex: return row.areas[scope.area!]
        }
    }

    /// How many of `rows` have no value for `scope`: lettings recorded before Thuis kept the
    /// area, which an area quota's period figures cannot place.
    public static func unplaced(_ rows: [LettingRecord], _ scope: Quota.Scope) -> Int {
        guard let kind = scope.area else { return 0 }
        return rows.reduce(0) { $0 + ($1.areas[kind] == nil ? 1 : 0) }
    }
}

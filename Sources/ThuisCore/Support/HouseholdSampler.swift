#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Synthetic households as the export generator and the simulation both draw them, so generated
/// batches and simulated years describe one population: sizes 1 (45%), 2 (25%), 3 (12%), 4 (12%),
/// 5 (4%) and 6 (2%); one or two adults; applicants of 19 to 89, more of them young; lognormal
/// incomes around 28k a year (a second adult earning 60% as much), so the DAEB and passend limits bite.
public enum HouseholdSampler {
    /// One member: age on the reference date, and yearly income (adults only).
    public struct Member: Sendable, Equatable {
        /// Whole years of age.
        public var years: Int
        /// Days past the last birthday, 0...364.
        public var days: Int
        /// Gross yearly income in euros (at most 400,000); nil for a child.
        public var income: Int?

        /// Age in days (a year counted as 365).
        public var ageInDays: Int { years * 365 + days }
    }

    /// The members of one household, the applicant first. Draws from `rng` in a fixed order, so
    /// the same generator state gives the same household.
    public static func draw(_ rng: inout SeededRandom) -> [Member] {
        let size = 1 + rng.pick([0.45, 0.25, 0.12, 0.12, 0.04, 0.02])
        let adults = size == 1 ? 1 : (rng.chance(0.75) ? 2 : 1)
        let applicantAge = 19 + Int(pow(rng.unit(), 1.3) * 70)
        var members: [Member] = []
        members.reserveCapacity(size)
        for i in 0..<size {
            let years = i == 0 ? applicantAge
                : i < adults ? max(18, applicantAge + Int(rng.normal() * 4))
                : rng.below(max(1, min(18, applicantAge - 17)))
            let days = rng.below(365)
            let income = i < adults ? min(Int(exp(10.24 + 0.55 * rng.normal()) * (i == 0 ? 1 : 0.6)), 400_000) : nil
            members.append(Member(years: years, days: days, income: income))
        }
        return members
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Kaplan-Meier estimate of the time to an event (a household's time to housing) when some
/// are censored (they left, or still wait when observation ends) and some enter late (they were
/// already waiting when observation began).
///
/// **Data.** Each subject gives `entry < exit` in whole days on the subject's own clock (days since
/// registration): it is observed from just after `entry` up to and including `exit`, and `event`
/// says whether `exit` is the event or the end of observation. A subject is at risk at time `t`
/// when `entry < t <= exit`.
///
/// **Estimate.** At each time `t` with events, `S(t) = S(t-) * (1 - d/n)` with `d` events and `n`
/// at risk; Greenwood's sum `V(t) = Σ d / (n (n - d))` (0 where `n = d`). The pointwise 95% band is
/// the log-log ("exponential Greenwood") one: `exp(-exp(log(-log S) ∓ z √V / log S))`, with `z`
/// the normal 0.975 quantile; (1, 1) where `S` is 1 and (0, 0) where it is 0, as lifelines gives it.
///
/// **Quantiles.** The time by which a share `p` had the event is the first `t` with `S(t) <= 1 - p`
/// (to within 1e-9, so that a product that is exactly 3/4 does not miss 0.75 by rounding)
/// (nil when `S` stays above it: not reached). Its interval is the first `t` at which the band's
/// lower and upper curve reach `1 - p` (Brookmeyer-Crowley by inverting the band). The restricted
/// mean to a horizon `τ` is `∫₀^τ S(t) dt`, exact for the step function.
///
/// **Gaps.** With late entry the risk set can empty before later subjects enter: then no one was
/// observed across that time and the curve after it is not identified (the product would restart
/// from nothing). The estimate stops at the first such time, ``end``: quantiles not reached by
/// then are nil, and so is a restricted mean whose horizon lies beyond it.
///
/// These are the definitions of lifelines 0.30 (`KaplanMeierFitter` with `entry`,
/// `qth_survival_times` on `confidence_interval_`, `restricted_mean_survival_time`), against which
/// `Tests/survival/check.py` checks Thuis on simulated years. Cost: O(n log n) for n subjects.
public struct KaplanMeier: Sendable, Equatable {
    /// The estimate just after an event time.
    public struct Step: Sendable, Equatable {
        public var time: Int
        public var atRisk: Int
        public var events: Int
        public var survival: Double
        public var low: Double
        public var high: Double
    }

    /// One step per distinct event time, in time order.
    public let steps: [Step]
    /// Subjects, events among them, and the censored.
    public let subjects: Int
    public let events: Int
    /// Whether the risk set empties before the last exit (see the type's notes).
    public let hasGap: Bool
    /// The time up to which the curve is identified: the first gap, else the last exit.
    public let end: Int

    /// The normal distribution's 0.975 quantile.
    public static let z975 = 1.959963984540054

    public init(_ subjects: [(entry: Int, exit: Int, event: Bool)]) {
        precondition(subjects.allSatisfy { $0.entry < $0.exit }, "a subject is observed for some time")
        self.subjects = subjects.count
        events = subjects.lazy.filter(\.event).count
        // Sweep the times in order: entries raise the risk set after their time, exits lower it after theirs.
        let entries = subjects.map(\.entry).sorted()
        let exits = subjects.map { (time: $0.exit, event: $0.event) }.sorted { $0.time < $1.time }
        var steps: [Step] = []
        var entered = 0, enteredThrough = 0, left = 0, i = 0, gap = false
        var survival = 1.0, greenwood = 0.0
        while i < exits.count {
            let t = exits[i].time
            while entered < entries.count && entries[entered] < t { entered += 1 }
            var d = 0, j = i
            while j < exits.count && exits[j].time == t {
                if exits[j].event { d += 1 }
                j += 1
            }
            let n = entered - left
            if d > 0 {
                survival *= 1 - Double(d) / Double(n)
                if n > d { greenwood += Double(d) / (Double(n) * Double(n - d)) }
                let (low, high) = KaplanMeier.band(survival, greenwood)
                steps.append(Step(time: t, atRisk: n, events: d, survival: survival, low: low, high: high))
            }
            left += j - i
            i = j
            while enteredThrough < entries.count && entries[enteredThrough] <= t { enteredThrough += 1 }
            if enteredThrough == left && i < exits.count {
                gap = true
                break
            }
        }
        self.steps = steps
        hasGap = gap
        end = i > 0 ? exits[i - 1].time : 0
    }

    /// The log-log band at `survival` with Greenwood's sum.
    static func band(_ survival: Double, _ greenwood: Double) -> (Double, Double) {
        if survival <= 0 { return (0, 0) }
        if survival >= 1 { return (1, 1) }
        let v = log(survival), spread = z975 * greenwood.squareRoot() / v
        return (exp(-exp(log(-v) - spread)), exp(-exp(log(-v) + spread)))
    }

    /// The time by which a share `p` (0 < p < 1) had the event, with its 95% interval; nil
    /// where not reached within the observation (before ``end``).
    public func quantile(_ p: Double) -> (time: Int?, low: Int?, high: Int?) {
        let q = 1 - p + 1e-9
        return (steps.first { $0.survival <= q }?.time, steps.first { $0.low <= q }?.time, steps.first { $0.high <= q }?.time)
    }

    /// `∫₀^horizon S(t) dt`: the mean time free of the event within the horizon; nil when the
    /// horizon lies beyond a gap.
    public func restrictedMean(to horizon: Int) -> Double? {
        if hasGap && horizon > end { return nil }
        var area = 0.0, previous = 0, level = 1.0
        for step in steps where step.time <= horizon {
            area += Double(step.time - previous) * level
            previous = step.time
            level = step.survival
        }
        return area + Double(max(0, horizon - previous)) * level
    }
}

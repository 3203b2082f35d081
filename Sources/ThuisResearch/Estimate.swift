/// The mean of a figure over replications (lottery seeds, markets), with a 95% confidence
/// interval for it, never outside the figure's range.
///
/// The interval is Student's t: mean ± t(0.975, n − 1) · s / √n, with s the sample standard
/// deviation over the n replications. Research runs have few replications (3 to 25), where the
/// normal 1.96 is too narrow (at n = 3 the factor is 4.30, 2.2 times wider) and a percentile
/// bootstrap is narrower still; the means of lettings and rates over replications are close to
/// normal, which is what t needs. The interval is then clipped to the range (a share in 0...1, a
/// count at least 0): a bound beyond it is impossible, not uncertain. One replication gives the
/// mean alone (low = high = mean), and `replications` says so wherever the interval is shown.
public struct Estimate: Sendable, Codable, Equatable {
    public var mean: Double
    public var low: Double
    public var high: Double
    /// How many values the mean and interval are of.
    public var replications: Int

    public init(_ values: [Double], range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) {
        let n = values.count
        let m = n == 0 ? 0 : values.reduce(0, +) / Double(n)
        mean = min(max(m, range.lowerBound), range.upperBound)
        replications = n
        guard n > 1 else {
            low = mean
            high = mean
            return
        }
        let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
        let half = Estimate.t975(degreesOfFreedom: n - 1) * (variance / Double(n)).squareRoot()
        low = max(range.lowerBound, m - half)
        high = min(range.upperBound, m + half)
    }

    /// Student's t quantile at 0.975 for `df` degrees of freedom: the table's values to 30,
    /// then interpolated linearly in 1/df between 30, 40, 60, 120 and infinity (error under 0.001).
    public static func t975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1)
        let table: [Double] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042]
        if df <= table.count { return table[df - 1] }
        let knots: [(df: Double, t: Double)] = [(30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980), (.infinity, 1.960)]
        let x = 1 / Double(df)
        for (a, b) in zip(knots, knots.dropFirst()) where x <= 1 / a.df && x >= 1 / b.df {
            let xa = 1 / a.df, xb = 1 / b.df
            return a.t + (b.t - a.t) * (xa - x) / (xa - xb)
        }
        return 1.960
    }
}

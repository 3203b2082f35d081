/// Where a figure's spread comes from, over markets crossed with lottery seeds: the standard
/// deviation of the markets' means (between regions) and the pooled standard deviation over the
/// seeds within a market (the lottery's).
public struct VarianceSplit: Sendable, Equatable {
    /// nil with one market.
    public var markets: Double?
    /// nil with one seed per market.
    public var lottery: Double?

    /// `values[m]`: the figure under each seed on market `m`.
    public init(_ values: [[Double]]) {
        let means = values.filter { !$0.isEmpty }.map { $0.reduce(0, +) / Double($0.count) }
        markets = means.count > 1 ? VarianceSplit.standardDeviation(means) : nil
        let within = values.filter { $0.count > 1 }.map { VarianceSplit.standardDeviation($0) }
        lottery = within.isEmpty ? nil : (within.map { $0 * $0 }.reduce(0, +) / Double(within.count)).squareRoot()
    }

    /// The sample standard deviation (n - 1) of two or more values.
    static func standardDeviation(_ values: [Double]) -> Double {
        let m = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }
}

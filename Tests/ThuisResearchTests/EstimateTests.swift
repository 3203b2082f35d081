import Testing
import ThuisCore
import ThuisResearch

/// Means over replications and their 95% intervals: Student's t, so fewer replications give a
/// wider interval, and never outside the figure's range.
@Suite struct EstimateTests {
    @Test("with the same spread, fewer replications give a wider interval")
    func widens() {
        var previous = Double.infinity
        for n in stride(from: 2, through: 40, by: 2) {
            // Half the values 0.4, half 0.6: the same spread at every n.
            let values = (0..<n).map { $0 % 2 == 0 ? 0.4 : 0.6 }
            let estimate = Estimate(values, range: 0...1)
            let width = estimate.high - estimate.low
            #expect(width < previous, "n = \(n)")
            #expect(estimate.replications == n)
            previous = width
        }
        // At n = 3 the t factor is 4.303, 2.2 times the normal 1.96.
        let three = Estimate([0.4, 0.5, 0.6], range: 0...1)
        #expect(abs((three.high - three.mean) - 4.303 * 0.1 / 3.0.squareRoot()) < 1e-9)
    }

    @Test("no interval leaves its quantity's range", arguments: Array(UInt64(1)...200))
    func withinRange(_ seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let n = Int(rng.next() % 8) + 1
        // Shares close to 0 or 1 with an outlier: where mean ± half crosses the bounds.
        let values = (0..<n).map { i -> Double in
            let near = Double(rng.next() % 1000) / 50_000
            return i == 0 && seed % 3 == 0 ? 0.9 : (seed % 2 == 0 ? near : 1 - near)
        }
        let share = Estimate(values, range: 0...1)
        #expect(0 <= share.low && share.low <= share.mean && share.mean <= share.high && share.high <= 1, "\(values)")
        let counts = Estimate(values.map { $0 * 3 }, range: 0...Double.greatestFiniteMagnitude)
        #expect(counts.low >= 0 && counts.low <= counts.mean && counts.mean <= counts.high)
    }

    @Test("t quantiles: the table, then toward 1.96")
    func quantiles() {
        #expect(Estimate.t975(degreesOfFreedom: 1) == 12.706)
        #expect(Estimate.t975(degreesOfFreedom: 4) == 2.776)
        #expect(Estimate.t975(degreesOfFreedom: 30) == 2.042)
        #expect(abs(Estimate.t975(degreesOfFreedom: 60) - 2.000) < 1e-9)
        #expect(abs(Estimate.t975(degreesOfFreedom: 50) - 2.009) < 0.002)
        #expect(Estimate.t975(degreesOfFreedom: 1_000_000) > 1.96 && Estimate.t975(degreesOfFreedom: 1_000_000) < 1.961)
        var previous = Double.infinity
        for df in 1...500 {
            let t = Estimate.t975(degreesOfFreedom: df)
            #expect(t < previous)
            previous = t
        }
    }

    @Test("the spread splits into markets and lottery")
    func varianceSplit() {
        // Market means 0.1 and 0.3 (sd 0.1414); within each market ±0.01 (sd 0.01414).
        let split = VarianceSplit([[0.09, 0.11], [0.29, 0.31]])
        #expect(abs(split.markets! - 0.2 / 2.0.squareRoot()) < 1e-12)
        #expect(abs(split.lottery! - (0.0002).squareRoot()) < 1e-12)
        #expect(VarianceSplit([[0.1, 0.2]]).markets == nil)
        #expect(VarianceSplit([[0.1], [0.2]]).lottery == nil)
    }
}

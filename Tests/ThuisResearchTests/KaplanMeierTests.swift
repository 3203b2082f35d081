import Testing
import ThuisResearch

/// The time-to-housing estimator against lifelines 0.30 on data small enough to read: late
/// entries, censoring and ties. The expected figures are lifelines' own (`KaplanMeierFitter().fit(
/// exit, event, entry=entry)`, its `survival_function_` and `confidence_interval_`);
/// `Tests/survival/run.sh` compares whole simulated years the same way in CI.
@Suite struct KaplanMeierTests {
    static let entry = [0, 0, 0, 0, 0, 0, 2, 3, 3, 5, 0, 1, 4, 0, 6]
    static let exit = [1, 3, 3, 4, 5, 7, 6, 8, 9, 9, 10, 11, 12, 12, 14]
    static let event = [1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0].map { $0 == 1 }
    static var curve: KaplanMeier { KaplanMeier((0..<entry.count).map { (entry[$0], exit[$0], event[$0]) }) }

    @Test("the curve and its log-log band equal lifelines' at every event time")
    func curveEqualsLifelines() {
        let expected: [(Int, Double, Double, Double)] = [
            (1, 0.875000000000, 0.387000014032, 0.981392965879),
            (3, 0.777777777778, 0.364751231165, 0.939296442487),
            (4, 0.691358024691, 0.317395742074, 0.888064804658),
            (5, 0.614540466392, 0.272519782413, 0.833316307246),
            (6, 0.546258192349, 0.233344496270, 0.777833719857),
            (8, 0.477975918305, 0.192747604204, 0.718212995957),
            (9, 0.409693644262, 0.152611615008, 0.654695319284),
            (10, 0.327754915409, 0.102516627074, 0.579090509414),
            (12, 0.109251638470, 0.006986484995, 0.372468168915),
        ]
        let steps = Self.curve.steps
        #expect(steps.map(\.time) == expected.map(\.0))
        for (step, (_, survival, low, high)) in zip(steps, expected) {
            #expect(abs(step.survival - survival) < 1e-9)
            #expect(abs(step.low - low) < 1e-9)
            #expect(abs(step.high - high) < 1e-9)
        }
        #expect(Self.curve.subjects == 15 && Self.curve.events == 10 && !Self.curve.hasGap)
    }

    @Test("quantiles are where the curve and its band first reach 1 - p; the restricted mean is the area to the horizon")
    func quantilesAndMean() throws {
        let median = Self.curve.quantile(0.5)
        #expect(median.time == 8 && median.low == 1 && median.high == 12)
        #expect(Self.curve.quantile(0.25).time == 4)
        // S stays above 0.1 (0.109 at the end): the 90% quantile is not reached.
        #expect(Self.curve.quantile(0.9).time == nil)
        let mean = try #require(Self.curve.restrictedMean(to: 10))
        #expect(abs(mean - (1 + 2 * 0.875 + 0.777777777778 + 0.691358024691 + 0.614540466392 + 2 * 0.546258192349
                            + 0.477975918305 + 0.409693644262)) < 1e-9)
    }

    @Test("a risk set that empties before later households enter ends the curve there")
    func gap() {
        // Housed on day 2, the only one at risk; the next enters on day 5.
        let curve = KaplanMeier([(0, 2, true), (5, 8, true), (5, 9, false)])
        #expect(curve.hasGap && curve.end == 2)
        #expect(curve.steps.map(\.time) == [2])
        #expect(curve.restrictedMean(to: 5) == nil)
        #expect(curve.restrictedMean(to: 2) == 2)
    }

    @Test("with no event the curve stays at 1 and no quantile is reached")
    func censoredOnly() {
        let curve = KaplanMeier([(0, 3, false), (1, 4, false)])
        #expect(curve.steps.isEmpty && curve.quantile(0.5).time == nil)
        #expect(curve.restrictedMean(to: 4) == 4)
    }
}

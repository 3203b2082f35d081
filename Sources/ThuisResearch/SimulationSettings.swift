import ThuisCore

/// The knobs of a simulated year: sizes per day and how households behave.
public struct SimulationSettings: Sendable {
    public var days = 365
    public var start = Day(year: 2026, month: 1, day: 1)!
    /// The market's seed: registrations, adverts, reactions, departures. Without
    /// ``lotterySeed`` it drives the offers' acceptance too, and the policy's own seed the lottery.
    public var seed: UInt64 = 1
    /// The lottery's seed, apart from the market's: each night's lottery (the policy's seed
    /// becomes this seed mixed with the day) and the households' acceptance of offers. Set when
    /// markets and lottery seeds are crossed (`simulate --markets`); nil keeps one stream.
    public var lotterySeed: UInt64?
    /// Households searching on the first day.
    public var initialHouseholds = 17_000
    /// New registrations per day.
    public var arrivalsPerDay = 9.0
    /// Adverts posted per day (refused adverts come back on top of these).
    public var advertsPerDay = 3.6
    /// Days an advert is open for reactions; its batch runs the night it closes.
    public var window = 7
    /// Mean reactions an advert draws (heavy-tailed; lottery adverts draw more).
    public var reactionsPerAdvert = 150.0
    /// Chance per day that a searching household finds housing elsewhere or gives up.
    public var leavingPerDay = 0.0006
    /// Chance per day that a searching household without a priority gets one (valid a year).
    public var priorityPerDay = 0.0003
    /// Share of households registering with a priority.
    public var priorityShare = 0.1
    /// Acceptance: a household accepts an offer of its preference rank r with probability
    /// `acceptance * acceptanceDecay^(r-1)`.
    public var acceptance = 0.85
    public var acceptanceDecay = 0.85
    /// Municipalities (CBS code, weight).
    public var municipalities: [(String, Double)] = [("0363", 0.6), ("0479", 0.15), ("0394", 0.15), ("0362", 0.1)]

    public init() {}

    /// The sizes of a profile (`region`: a year of Stadsregio Amsterdam) times `scale`.
    public static func profile(_ name: String, scale: Double) -> SimulationSettings? {
        var s = SimulationSettings()
        switch name {
        case "region":
            s.initialHouseholds = 170_000
            s.arrivalsPerDay = 93
            s.advertsPerDay = 36
            s.reactionsPerAdvert = 200
        case "nightly":
            s.initialHouseholds = 25_000
            s.arrivalsPerDay = 14
            s.advertsPerDay = 6
            s.reactionsPerAdvert = 200
        default: return nil
        }
        s.initialHouseholds = max(10, Int(Double(s.initialHouseholds) * scale))
        s.arrivalsPerDay *= scale
        s.advertsPerDay *= scale
        s.reactionsPerAdvert = max(3, s.reactionsPerAdvert * min(1, scale * 10))
        return s
    }
}

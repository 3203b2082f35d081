import ThuisCore

/// Keeps a simulation's lettings night by night and gives the period figures back (a ledger).
public struct LettingKeeper {
    /// What the policy's quota periods hold on `day`, and what earlier offers say of the
    /// night's market's households (``PeriodState/offerHistory``).
    public var period: (Policy, Day, Market) throws -> PeriodState
    /// Records a night's lettings: advert id, household id, and what period figures count.
    public var record: (Day, [(advert: String, household: String, record: LettingRecord)]) throws -> Void

    public init(period: @escaping (Policy, Day, Market) throws -> PeriodState,
                record: @escaping (Day, [(advert: String, household: String, record: LettingRecord)]) throws -> Void) {
        self.period = period
        self.record = record
    }
}

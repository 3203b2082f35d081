/// One allocation batch in memory: the adverts, dwellings, households and their reactions.
///
/// Records are interned to dense indices and stored in columns. Every table is in canonical
/// order (by external id, byte-wise), so the same records in any order give the same market.
public struct Market: Sendable {
    /// What the export's root says about the batch.
    public var batch: BatchInfo
    /// CBS municipality codes (e.g. `0363`), indexed by the municipality columns.
    public var municipalities = IdTable()
    /// Corporation codes, indexed by ``Dwellings/corporation``.
    public var corporations = IdTable()
    /// Reserve labels named in the export, indexed by ``Adverts/reserveLabel``.
    public var reserveLabels = IdTable()
    public var dwellings = Dwellings()
    public var adverts = Adverts()
    public var households = Households()
    public var priorities = Priorities()
    public var reactions = Reactions()
    public var offers = Offers()
    /// Data the source did not send for some records, with the first record lacking it: the
    /// rules that read it refuse the batch rather than read zeros.
    public var sourceGaps: [SourceGap: SourceLocation] = [:]

    public init(batch: BatchInfo) { self.batch = batch }
}

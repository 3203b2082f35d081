import ThuisCore

/// What a batch records: the batch itself and every offer it made.
public struct BatchRecord: Sendable {
    public var id: String
    public var peildatum: String
    public var region: String
    public var exportSHA256: String
    public var policySHA256: String
    public var seed: UInt64
    public var mechanism: String
    public var thuisVersion: String
    public var startedAt: String
    public var finishedAt: String
    public var adverts: Int
    public var lettings: Int
    /// The summary printed after the run, printed again when the batch is rerun.
    public var summary: String

    public init(id: String, peildatum: String, region: String, exportSHA256: String, policySHA256: String, seed: UInt64,
                mechanism: String, thuisVersion: String, startedAt: String, finishedAt: String, adverts: Int, lettings: Int,
                summary: String) {
        self.id = id
        self.peildatum = peildatum
        self.region = region
        self.exportSHA256 = exportSHA256
        self.policySHA256 = policySHA256
        self.seed = seed
        self.mechanism = mechanism
        self.thuisVersion = thuisVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.adverts = adverts
        self.lettings = lettings
        self.summary = summary
    }
}

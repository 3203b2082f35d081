/// What the export's root says about the batch as a whole.
public struct BatchInfo: Sendable, Equatable {
    /// Format version of the export (`versie`).
    public var version: String
    /// Reference date of the batch (`peildatum`): ages, validity and waiting time count to it.
    public var referenceDate: Day
    /// The region the batch is for (`regio`).
    public var region: String

    public init(version: String, referenceDate: Day, region: String) {
        self.version = version
        self.referenceDate = referenceDate
        self.region = region
    }
}

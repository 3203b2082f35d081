/// How strictly a reader of a batch (the XML export, a VERA folder) reads.
public struct ReadOptions: Sendable {
    /// Leave invalid records (and what depends on them) out instead of failing the batch.
    public var skipInvalid = false
    /// Errors kept before strict reading stops.
    public var errorLimit = 100
    /// Called with the share of the input read (0...1).
    public var progress: (@Sendable (Double) -> Void)?

    public init(skipInvalid: Bool = false, errorLimit: Int = 100) {
        self.skipInvalid = skipInvalid
        self.errorLimit = errorLimit
    }
}

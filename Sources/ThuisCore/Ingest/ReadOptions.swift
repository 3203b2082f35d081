/// How strictly a reader of a batch (the XML export, a VERA folder) reads.
public struct ReadOptions: Sendable {
    /// Leave invalid records (and what depends on them) out instead of failing the batch.
    public var skipInvalid = false
    /// Errors kept before strict reading stops.
    public var errorLimit = 100
    /// The size of the parts an uncompressed XML export of at least twice this size is parsed
    /// in, by two parsers, while a third thread builds the market; 0 reads every file with one
    /// parser. The outputs are the same. Nil: parts of 4 MiB on a machine with three cores or
    /// more, one parser on fewer (with two cores the parser and the builder already keep both
    /// busy, and parts cost more than they give).
    public var partBytes: Int?
    /// Called with the share of the input read (0...1).
    public var progress: (@Sendable (Double) -> Void)?

    public init(skipInvalid: Bool = false, errorLimit: Int = 100) {
        self.skipInvalid = skipInvalid
        self.errorLimit = errorLimit
    }
}

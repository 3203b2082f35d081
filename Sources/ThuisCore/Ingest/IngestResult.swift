/// What reading a batch produced: the market (unless strict reading found errors), every
/// diagnostic, the rejected records, and the counts that prove nothing vanished.
public struct IngestResult: Sendable {
    /// The market; nil when errors were found and invalid records were not to be skipped.
    public var market: Market?
    /// Errors and warnings, in file order.
    public var diagnostics: [Diagnostic]
    /// True when reading stopped early at the error limit.
    public var stoppedAtLimit: Bool
    /// Records left out (only under skip-invalid), in file order.
    public var rejections: [Rejection]
    /// Records read per entity.
    public var read: [EntityKind: Int]
    /// Records accepted into the market per entity.
    public var accepted: [EntityKind: Int]
    /// Encodings the files declared, per file.
    public var encodings: [String: String]
    /// Records set aside per entity: publications not for this peildatum (still open,
    /// settled, withdrawn) with their reactions and offers; read, not rejected, not used.
    public var setAside: [EntityKind: Int] = [:]
    /// The parts each XML file read in parts was parsed in, a parser per core (see
    /// `ReadOptions.partBytes`); a file read by one parser is not listed.
    public var parts: [String: Int] = [:]

    /// Errors only.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// Warnings only.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Records rejected per entity.
    public func rejected(_ entity: EntityKind) -> Int { rejections.lazy.filter { $0.entity == entity }.count }

    /// A batch that could not be read at all, for these reasons.
    public static func failed(_ diagnostics: [Diagnostic]) -> IngestResult {
        IngestResult(market: nil, diagnostics: diagnostics, stoppedAtLimit: false, rejections: [], read: [:], accepted: [:], encodings: [:])
    }
}

import ThuisCore
import ThuisPolicyFile

/// The inputs of a batch: the market read from its export files and the policies, each read
/// once and strictly (a batch or policy with errors is never used).
public struct BatchInput: Sendable {
    public let market: Market
    /// The policies, in the order given.
    public let policies: [Policy]
    /// What reading the batch warned of (publications set aside, reactions outside their window).
    public var warnings: [Diagnostic] = []

    /// The first (for most commands, the only) policy.
    public var policy: Policy { policies[0] }

    /// Reads the policies, then the exports (files, or VERA batch folders: ``BatchSource``); throws a ``CommandFailure`` with every problem
    /// found (a missing file gives exit 66, a failed read 74, bad data 65).
    public static func load(exports: [String], policies: [String], errorLimit: Int = 100,
                            progress: Progress = Progress(quiet: true)) throws -> BatchInput {
        progress.begin("read policy")
        let loaded = try policies.map { try PolicyFile.load($0).get() }
        progress.begin("read export")
        return try BatchInput(BatchSource.read(exports, errorLimit: errorLimit) { progress.update($0) }, policies: loaded)
    }

    /// A market read (or generated) under the policies: the read's errors, and the data a policy's
    /// rules need but the source did not give, are a ``CommandFailure``.
    init(_ result: IngestResult, policies: [Policy]) throws {
        guard let market = result.market else { throw CommandFailure(result.diagnostics) }
        let unmet = policies.flatMap { SourceNeeds.unmet($0, market) }
        if !unmet.isEmpty {
            throw CommandFailure(unmet.map { .error(.missingField, $0.message, at: $0.location) })
        }
        self.market = market
        self.policies = policies
        warnings = result.warnings
    }
}

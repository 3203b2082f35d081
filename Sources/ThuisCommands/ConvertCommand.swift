import Foundation
import ThuisCore
import ThuisVERA

/// `thuis convert --export FILE... --vera-out DIR`: a batch written as a VERA batch folder
/// (batch.json and pages of the list endpoints), all or nothing, with a manifest. Reading the
/// folder with `--vera` gives the same market, so both allocate byte-identically.
public struct ConvertCommand: ThuisCommand {
    public var inputs: [String]
    public var outPath: String
    /// Items per page; 100, as VERA's list endpoints return them, by default.
    public var itemsPerPage = VERAPages.maximumItems
    /// Where the reactions go: WRV's Kandidaten (status REA) or the domain model's Reacties.
    public var reactions = VERABatchWriter.ReactionResource.kandidaten
    public var errorLimit = 100

    public init(inputs: [String], outPath: String) {
        self.inputs = inputs
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath, option: "--vera-out")
        try OutputFolder.requireApart(outPath, option: "--vera-out", from: inputs)
        let result = BatchSource.read(inputs, errorLimit: errorLimit)
        guard let market = result.market else { throw CommandFailure(result.diagnostics) }
        let files = VERABatchWriter.files(market, itemsPerPage: itemsPerPage, reactions: reactions)
        try OutputFolder.commit(files.map { ($0.name, $0.bytes) }, to: outPath)
        let bytes = files.reduce(0) { $0 + $1.bytes.count }
        return CommandOutcome(exit: .ok, stdout: "\(outPath): \(files.count - 1) pages, \(market.adverts.count) adverts, \(market.households.count) households, \(market.reactions.count) reactions, \(String(format: "%.1f", Double(bytes) / 1_000_000)) MB\n",
                              stderr: DiagnosticText.render(result.warnings))
    }
}

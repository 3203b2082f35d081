import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports
import ThuisXML

/// `thuis allocate`: reads a batch and a policy, allocates, and writes the five outputs.
public struct AllocateCommand: Sendable {
    public var exports: [String]
    public var policyPath: String
    public var outPath: String
    public var seed: UInt64?
    public var mechanism: Mechanism?
    public var errorLimit = 100
    /// No progress lines on stderr.
    public var quiet = true
    /// The ledger for year-to-date quotas and offers; nil for a one-off run (`--no-ledger`).
    public var ledgerPath: String? = "thuis.sqlite"
    /// The batch's id; by default the peildatum and the start of the export's SHA-256.
    public var batchID: String?
    /// Compute and write the outputs, record nothing.
    public var dryRun = false
    /// How long to wait for another run to release the ledger.
    public var waitSeconds: Double = 60

    public init(exports: [String], policyPath: String, outPath: String) {
        self.exports = exports
        self.policyPath = policyPath
        self.outPath = outPath
    }

    /// The output files, in the order they are listed.
    public static let outputs = ["toewijzingen.xml", "allocations.csv", "candidates.csv", "quota-report.csv", "summary.json"]

    public func run() -> CommandOutcome {
        let progress = Progress(quiet: quiet)
        let started = Date()
        switch prepare(progress) {
        case .failure(let outcome): return outcome
        case .success(let (market, policy)):
            guard let ledgerPath else { return allocateAndWrite(market, policy, progress).outcome }
            return runWithLedger(market, policy, ledgerPath: ledgerPath, started: started, progress)
        }
    }

    /// Allocates and writes the outputs (no ledger); returns the outcome and what was let.
    func allocateAndWrite(_ market: Market, _ policy: Policy, _ progress: Progress, lapsed: [String] = [],
                          beforeOutputs: (AllocationFacts, AllocationSummary) throws -> Void = { _, _ in }) -> (outcome: CommandOutcome, facts: AllocationFacts?, summary: AllocationSummary?) {
        progress.begin("allocate")
        let allocation = Allocator.allocate(market, policy)
        progress.begin("write outputs")
        let facts = AllocationFacts(market: market, allocation: allocation, policy: policy)
        let summary = AllocationSummary(facts, exports: exports, policyFile: policyPath, lapsedPriorities: lapsed)
        let files = AllocateCommand.render(facts, summary: summary)
        do {
            try beforeOutputs(facts, summary)
            try OutputFolder.commit(files, to: outPath)
        } catch let error as LedgerError {
            return (CommandOutcome(exit: error.kind == .busy ? .temporaryFailure : .cannotCreate,
                                   stderr: Diagnostic.error(error.kind == .busy ? .ledgerBusy : .ledgerFailed, "\(error)", at: nil).description + "\n"), nil, nil)
        } catch {
            return (CommandOutcome(exit: .cannotCreate,
                                   stderr: Diagnostic.error(.cannotCreateOutput, "\(error)", at: nil).description + "\n"), nil, nil)
        }
        progress.finish()
        return (CommandOutcome(exit: .ok, stdout: summary.text() + "\nWrote \(AllocateCommand.outputs.joined(separator: ", ")) to \(outPath)\n"),
                facts, summary)
    }

    /// Reads policy and export; any problem ends the run before anything is written.
    func prepare(_ progress: Progress = Progress(quiet: true)) -> Result<(Market, Policy), CommandOutcome> {
        progress.begin("read policy")
        var policy: Policy
        switch PolicyFile.load(policyPath) {
        case .success(let p): policy = p
        case .failure(let problems):
            let exit: SysExit = problems.diagnostics.contains { $0.code == .fileNotFound } ? .noInput : .dataError
            return .failure(CommandOutcome(exit: exit, stderr: problems.diagnostics.map { "\($0)\n" }.joined()))
        }
        if let seed { policy.seed = seed }
        if let mechanism { policy.mechanism = mechanism }
        progress.begin("read export")
        var options = ExportReader.Options(errorLimit: errorLimit)
        options.progress = { progress.update($0) }
        let result = ExportReader.read(exports, options: options)
        guard let market = result.market else {
            return .failure(CommandOutcome(exit: IngestOutcome.exitCode(result) == .ok ? .dataError : IngestOutcome.exitCode(result),
                                           stderr: IngestOutcome.renderDiagnostics(result)))
        }
        return .success((market, policy))
    }

    /// The five files of a run.
    /// The five output files, as (name, bytes).
    public static func render(_ facts: AllocationFacts, summary: AllocationSummary) -> [(String, [UInt8])] {
        [
            ("toewijzingen.xml", Array(toewijzingen(facts).utf8)),
            ("allocations.csv", AllocationTables.allocations(facts)),
            ("candidates.csv", AllocationTables.candidates(facts)),
            ("quota-report.csv", Array(AllocationTables.quotaReport(facts).utf8)),
            ("summary.json", Array(summary.json().utf8)),
        ]
    }

    static func toewijzingen(_ facts: AllocationFacts) -> String {
        let market = facts.market, allocation = facts.allocation
        let lettings = facts.advertIndices.filter { allocation.household[$0] >= 0 }.map { a -> ToewijzingenWriter.Letting in
            let h = Int(allocation.household[a]), d = Int(market.adverts.dwelling[a]), r = Int(allocation.reaction[a])
            let priorities = facts.appliedPriorities(a).map {
                (market.priorities.ids[$0], market.priorities.kind[$0].rawValue, market.priorities.category[$0].rawValue)
            }
            let reserve = facts.reserveName(a)
            return ToewijzingenWriter.Letting(
                advert: market.adverts.ids[a], dwelling: market.dwellings.ids[d], household: market.households.ids[h],
                position: r >= 0 ? Int(allocation.position[r]) : nil, persons: Int(market.households.persons[h]),
                income: market.households.income[h], rent: market.dwellings.rent[d],
                passendheidsoort: facts.passendheidsoort(a), targetGroup: market.dwellings.targetGroup[d]?.rawValue,
                reserve: reserve.isEmpty ? nil : reserve, priorities: priorities)
        }
        return ToewijzingenWriter.document(batch: market.batch, policy: facts.policy.name,
                                           mechanism: facts.policy.mechanism.rawValue, seed: facts.policy.seed, lettings: lettings)
    }
}

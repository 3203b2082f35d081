import Foundation
import ThuisCore
import ThuisReports

/// `thuis explain --out DIR --household ID | --advert ID`: explains a run in plain language.
///
/// The run is recomputed from the export and policy that `summary.json` names (allocation is
/// deterministic), and checked against the folder's `allocations.csv` so an explanation never
/// describes a different allocation than the one delivered.
public struct ExplainCommand: ThuisCommand {
    public var outPath: String
    public var households: [String] = []
    public var adverts: [String] = []
    /// The run's exports where they are now, when they moved (each must have the recorded SHA-256).
    public var exports: [String] = []
    /// The run's policy file where it is now, when it moved.
    public var policyPath: String?

    public init(outPath: String) { self.outPath = outPath }

    public func execute() throws -> CommandOutcome {
        let run = try RecordedRun(outPath: outPath)
        let facts = try run.recompute(exports: exports, policyPath: policyPath)
        let market = facts.market
        guard run.file("allocations.csv") == AllocationTables.allocations(facts) else {
            throw CommandFailure(.batchMismatch, "the export or policy changed since this run: recomputing does not give the allocations.csv in \(outPath)")
        }
        let explanation = Explanation(facts)
        var out = ""
        var errors: [Diagnostic] = []
        for id in households {
            if let h = market.households.ids.index(of: id) { out += explanation.household(Int(h)) + "\n" }
            else { errors.append(.error(.unknownHousehold, "the batch has no household \(id)", at: nil)) }
        }
        for id in adverts {
            if let a = market.adverts.ids.index(of: id) { out += explanation.advert(Int(a)) + "\n" }
            else { errors.append(.error(.unknownAdvert, "the batch has no advert \(id)", at: nil)) }
        }
        // Explanations of the ids that exist are printed even when others do not.
        return CommandOutcome(exit: SysExit(failingWith: errors), stdout: out, stderr: DiagnosticText.render(errors))
    }
}

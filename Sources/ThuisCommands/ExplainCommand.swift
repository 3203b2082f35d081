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

    public init(outPath: String) { self.outPath = outPath }

    public func execute() throws -> CommandOutcome {
        let folder = URL(fileURLWithPath: outPath)
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: summaryURL.path) else {
            throw CommandFailure(.fileNotFound, "\(summaryURL.path) does not exist; give the --out folder of a thuis allocate run")
        }
        guard let summary = try? JSONDecoder().decode(AllocationSummary.self, from: data) else {
            throw CommandFailure(.notAResult, "\(summaryURL.path) is not the summary of a thuis allocate run")
        }
        let input = try BatchInput.load(exports: summary.run.exports, policies: [summary.run.policyFile])
        var policy = input.policy, market = input.market
        policy.seed = summary.run.seed
        if let mechanism = Mechanism(rawValue: summary.run.mechanism) { policy.mechanism = mechanism }
        // The run's year-to-date figures and lapsed priorities, as it recorded them.
        if let lapsed = summary.lapsedPriorities {
            market = market.removingPriorities(of: Set(lapsed.compactMap { market.households.ids.index(of: $0).map(Int.init) }))
        }
        let allocation = Allocator.allocate(market, policy, period: summary.periodState(for: policy))
        let facts = AllocationFacts(market: market, allocation: allocation, policy: policy)
        let delivered = FileManager.default.contents(atPath: folder.appendingPathComponent("allocations.csv").path).map { [UInt8]($0) } ?? []
        guard delivered == AllocationTables.allocations(facts) else {
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

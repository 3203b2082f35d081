import Foundation
import ThuisCore
import ThuisReports

/// `thuis explain --out DIR --household ID | --advert ID`: explains a run in plain language.
///
/// The run is recomputed from the export and policy that `summary.json` names (allocation is
/// deterministic), and checked against the folder's `allocations.csv` so an explanation never
/// describes a different allocation than the one delivered.
public struct ExplainCommand: Sendable {
    public var outPath: String
    public var households: [String] = []
    public var adverts: [String] = []

    public init(outPath: String) { self.outPath = outPath }

    public func run() -> CommandOutcome {
        let folder = URL(fileURLWithPath: outPath)
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: summaryURL.path) else {
            return failure(.noInput, .fileNotFound, "\(summaryURL.path) does not exist; give the --out folder of a thuis allocate run")
        }
        guard let summary = try? JSONDecoder().decode(AllocationSummary.self, from: data) else {
            return failure(.dataError, .malformedXML, "\(summaryURL.path) is not a Thuis summary")
        }
        var allocate = AllocateCommand(exports: summary.run.exports, policyPath: summary.run.policyFile, outPath: outPath)
        allocate.seed = summary.run.seed
        allocate.mechanism = Mechanism(rawValue: summary.run.mechanism)
        var market: Market, policy: Policy
        switch allocate.prepare() {
        case .failure(let outcome): return outcome
        case .success(let prepared): (market, policy) = prepared
        }
        // The run's year-to-date figures and lapsed priorities, as it recorded them.
        policy = summary.restoring(policy)
        if let lapsed = summary.lapsedPriorities {
            market = market.removingPriorities(of: Set(lapsed.compactMap { market.households.ids.index(of: $0).map(Int.init) }))
        }
        let allocation = Allocator.allocate(market, policy)
        let facts = AllocationFacts(market: market, allocation: allocation, policy: policy)
        let delivered = FileManager.default.contents(atPath: folder.appendingPathComponent("allocations.csv").path).map { [UInt8]($0) } ?? []
        guard delivered == AllocationTables.allocations(facts) else {
            return failure(.dataError, .batchMismatch,
                           "the export or policy changed since this run: recomputing does not give the allocations.csv in \(outPath)")
        }
        let explanation = Explanation(facts)
        var out = "", errors = ""
        for id in households {
            if let h = market.households.ids.index(of: id) { out += explanation.household(Int(h)) + "\n" }
            else { errors += Diagnostic.error(.unknownHousehold, "the batch has no household \(id)", at: nil).description + "\n" }
        }
        for id in adverts {
            if let a = market.adverts.ids.index(of: id) { out += explanation.advert(Int(a)) + "\n" }
            else { errors += Diagnostic.error(.unknownAdvert, "the batch has no advert \(id)", at: nil).description + "\n" }
        }
        return CommandOutcome(exit: errors.isEmpty ? .ok : .dataError, stdout: out, stderr: errors)
    }

    private func failure(_ exit: SysExit, _ code: DiagnosticCode, _ message: String) -> CommandOutcome {
        CommandOutcome(exit: exit, stderr: Diagnostic.error(code, message, at: nil).description + "\n")
    }
}

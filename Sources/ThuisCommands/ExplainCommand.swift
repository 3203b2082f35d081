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

    /// `path` made absolute against the working directory, `.` and `..` resolved.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The file to read for a recorded input: the one given (which must match the recorded hash)
    /// or the recorded path (which must still hold the same bytes).
    static func locate(_ what: String, recorded: String, sha256: String?, given: String?, option: String) throws -> String {
        let path = given ?? recorded
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(.fileNotFound, given == nil
                ? "the run's \(what) \(recorded) is no longer there; give its new place with \(option) FILE"
                : "\(path) does not exist")
        }
        if let sha256, try Fingerprint.sha256(files: [path]) != sha256 {
            throw CommandFailure(.batchMismatch, "\(path) is not the \(what) this run read: its SHA-256 differs from the one summary.json records (\(sha256.prefix(12))...)")
        }
        return path
    }

    public func execute() throws -> CommandOutcome {
        let folder = URL(fileURLWithPath: outPath)
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: summaryURL.path) else {
            throw CommandFailure(.fileNotFound, "\(summaryURL.path) does not exist; give the --out folder of a thuis allocate run")
        }
        guard let summary = try? JSONDecoder().decode(AllocationSummary.self, from: data) else {
            throw CommandFailure(.notAResult, "\(summaryURL.path) is not the summary of a thuis allocate run")
        }
        let recorded = summary.run.exports
        if !exports.isEmpty && exports.count != recorded.count {
            throw CommandFailure(.usage, "the run read \(recorded.count) export(s); give --export once for each, in the order summary.json lists them")
        }
        let exportPaths = try recorded.indices.map { i in
            try ExplainCommand.locate("export", recorded: recorded[i], sha256: summary.run.exportSHA256?[safe: i],
                                      given: exports.isEmpty ? nil : exports[i], option: "--export")
        }
        let policyFile = try ExplainCommand.locate("policy", recorded: summary.run.policyFile, sha256: summary.run.policySHA256,
                                                   given: policyPath, option: "--policy")
        let input = try BatchInput.load(exports: exportPaths, policies: [policyFile])
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

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

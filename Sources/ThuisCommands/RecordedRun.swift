import Foundation
import ThuisCore
import ThuisReports

/// An allocate run as its output folder records it: the summary, and the run recomputed from
/// the inputs it names (allocation is deterministic), for `explain` and `verify`.
struct RecordedRun {
    let folder: URL
    let summary: AllocationSummary
    /// Which reactions the folder's candidates.csv lists (`none`: the run wrote none).
    let content: CandidatesContent

    /// Reads `OUT/summary.json`.
    init(outPath: String) throws {
        folder = URL(fileURLWithPath: outPath)
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: summaryURL.path) else {
            throw CommandFailure(.fileNotFound, "\(summaryURL.path) does not exist; give the --out folder of a thuis allocate run")
        }
        guard let summary = try? JSONDecoder().decode(AllocationSummary.self, from: data) else {
            throw CommandFailure(.notAResult, "\(summaryURL.path) is not the summary of a thuis allocate run")
        }
        guard let content = summary.candidatesContent else {
            throw CommandFailure(.notAResult, "\(summaryURL.path) says its candidates.csv lists '\(summary.run.candidates ?? "")', which is not one of \(CandidatesContent.allCases.map(\.rawValue).joined(separator: ", ")): not a summary Thuis wrote")
        }
        self.summary = summary
        self.content = content
    }

    /// The bytes of one of the folder's files (empty when it is missing).
    func file(_ name: String) -> [UInt8] {
        FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { [UInt8]($0) } ?? []
    }

    /// The run again, from its exports and policy (where they are now: `exports` and `policyPath`
    /// when they moved), with its seed, mechanism, year-to-date figures and lapsed priorities.
    func recompute(exports: [String], policyPath: String?) throws -> AllocationFacts {
        let recorded = summary.run.exports
        if !exports.isEmpty && exports.count != recorded.count {
            throw CommandFailure(.usage, "the run read \(recorded.count) export(s); give --export once for each, in the order summary.json lists them")
        }
        let exportPaths = try recorded.indices.map { i in
            try RecordedRun.locate("export", recorded: recorded[i], sha256: summary.run.exportSHA256.flatMap { i < $0.count ? $0[i] : nil },
                                   given: exports.isEmpty ? nil : exports[i], option: "--export")
        }
        let policyFile = try RecordedRun.locate("policy", recorded: summary.run.policyFile, sha256: summary.run.policySHA256,
                                                given: policyPath, option: "--policy")
        let input = try BatchInput.load(exports: exportPaths, policies: [policyFile])
        var policy = input.policy, market = input.market
        policy.seed = summary.run.seed
        if let mechanism = Mechanism(rawValue: summary.run.mechanism) { policy.mechanism = mechanism }
        if let lapsed = summary.lapsedPriorities {
            market = market.removingPriorities(of: Set(lapsed.compactMap { market.households.ids.index(of: $0).map(Int.init) }))
        }
        let allocation = Allocator.allocate(market, policy, period: summary.periodState(for: policy))
        return AllocationFacts(market: market, allocation: allocation, policy: policy)
    }

    /// `path` made absolute against the working directory, `.` and `..` resolved.
    static func absolute(_ path: String) -> String {
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
}

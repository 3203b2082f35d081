import Foundation
import ThuisCore
import ThuisReports

/// `thuis verify OUT [--export FILE --policy FILE]`: checks an allocation from its own files.
///
/// From the folder alone: the manifest's hashes, then everything ``ResultCheck`` recounts (one
/// advert per household, eligible lettings, every reaction's stated outcome, so no unexplained
/// blocking pair, caps, floors and their bounds). With `--recompute` (the inputs summary.json
/// names) or `--export`/`--policy` (the inputs where they are now), the run is also recomputed
/// and every output compared to the byte. Exit 0 when all holds, 65 with each violation located.
public struct VerifyCommand: ThuisCommand {
    public var outPath: String
    /// The run's exports where they are now; given (or with `recompute`), the run is recomputed.
    public var exports: [String] = []
    public var policyPath: String?
    /// Recompute from the inputs summary.json names, where it names them.
    public var recompute = false
    /// Violations listed at most; the rest are counted.
    public var limit = 100

    public init(outPath: String) { self.outPath = outPath }

    public func execute() throws -> CommandOutcome {
        let run = try RecordedRun(outPath: outPath)
        var problems: [Diagnostic] = []
        switch OutputFolder.inspect(run.folder) {
        case .result: break
        case .foreign(let names):
            problems += names.map {
                .error(.manifestMismatch, "\($0) is not as manifest.sha256 lists it (missing, edited or added after the run)",
                       at: SourceLocation(file: run.folder.appendingPathComponent($0).path, line: 0, column: 0))
            }
        case .missing, .empty:
            throw CommandFailure(.fileNotFound, "\(outPath) holds no result")
        }
        // Rows are located as FOLDER/FILE:LINE:COL, with the folder as the user gave it.
        var folder = outPath
        while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
        let check = ResultCheck.run(folder: folder, allocations: run.file("allocations.csv"), candidates: run.file("candidates.csv"),
                                    quotaReport: run.file("quota-report.csv"), summary: run.summary)
        problems += check.problems
        var recomputed = ""
        if recompute || !exports.isEmpty || policyPath != nil {
            let facts = try run.recompute(exports: exports, policyPath: policyPath)
            let summary = AllocationSummary(facts, inputs: AllocationSummary.Inputs(
                exports: run.summary.run.exports, exportSHA256: run.summary.run.exportSHA256 ?? [],
                policyFile: run.summary.run.policyFile, policySHA256: run.summary.run.policySHA256 ?? ""),
                lapsedPriorities: run.summary.lapsedPriorities ?? [])
            for file in AllocateCommand.render(facts, summary: summary) where file.name != "summary.json" {
                let name = file.name, bytes = file.bytes, delivered = run.file(name)
                if delivered != bytes {
                    let line = VerifyCommand.firstDifferentLine(delivered, bytes)
                    problems.append(.error(.batchMismatch, "recomputing the run from its export and policy gives another \(name) (from this line on)",
                                           at: SourceLocation(file: run.folder.appendingPathComponent(name).path, line: line, column: 1)))
                }
            }
            recomputed = "; recomputed from the export and policy: the same outputs"
        }
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else {
            var stderr = DiagnosticText.render(Array(problems.prefix(limit)))
            if problems.count > limit { stderr += "thuis: note: \(problems.count - limit) more problems not shown\n" }
            return CommandOutcome(exit: SysExit(failingWith: errors), stdout: "\(outPath): \(errors.count) problem(s) found\n", stderr: stderr)
        }
        let c = check.counts
        return CommandOutcome(exit: .ok, stdout: "\(outPath): verified: manifest, \(c.lettings) lettings, \(c.reactions) reactions and \(c.quotas) quota rows hold\(recomputed)\n")
    }

    /// The 1-based line where two files first differ.
    static func firstDifferentLine(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var line = 1
        for (x, y) in zip(a, b) {
            if x != y { return line }
            if x == 0x0A { line += 1 }
        }
        return line
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports

/// `thuis verify OUT [--export FILE --policy FILE]`: checks an allocation from its own files.
///
/// From the folder alone: the manifest's hashes and line counts, then everything ``ResultCheck`` recounts (one
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
    /// The ledger the run was recorded in: the lettings are checked against what it knew of
    /// each household when the batch ran, and it against two accepted offers per household.
    public var ledgerPath: String?

    public init(outPath: String) { self.outPath = outPath }

    public func execute() throws -> CommandOutcome {
        let run = try RecordedRun(outPath: outPath)
        var problems: [Diagnostic] = []
        switch OutputFolder.inspect(run.folder, requiringMark: false) {
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
        problems += lineCountProblems(run.folder, shown: folder)
        let recomputing = recompute || !exports.isEmpty || policyPath != nil
        let facts = recomputing ? try run.recompute(exports: exports, policyPath: policyPath) : nil
        // A run that wrote no candidates.csv is checked against the one its recomputation makes
        // (its allocations.csv is compared below), else without the checks that need its rows.
        var candidates = run.file("candidates.csv"), content = run.content
        if content == .none, let facts {
            (candidates, content) = (AllocationTables.candidates(facts), .all)
        }
        let check = ResultCheck.run(folder: folder, allocations: run.file("allocations.csv"), candidates: candidates,
                                    quotaReport: run.file("quota-report.csv"), summary: run.summary, publication: run.file("publication.csv"),
                                    content: content)
        problems += check.problems
        var checkedLedger = ""
        if let ledgerPath {
            let (found, batch) = try ledgerProblems(check, run, ledgerPath: ledgerPath)
            problems += found
            checkedLedger = "; against the ledger as batch \(batch) saw it"
        }
        var recomputed = ""
        if let facts {
            var summary = AllocationSummary(facts, inputs: AllocationSummary.Inputs(
                exports: run.summary.run.exports, exportSHA256: run.summary.run.exportSHA256 ?? [],
                policyFile: run.summary.run.policyFile, policySHA256: run.summary.run.policySHA256 ?? ""),
                lapsedPriorities: run.summary.lapsedPriorities ?? [])
            summary.ledgerBatch = run.summary.ledgerBatch
            summary.run.candidates = run.summary.run.candidates
            for file in try AllocateCommand.render(facts, summary: summary) where file.name != "summary.json" {
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
        let reactions = switch content {
        case .all: "\(c.reactions) reactions"
        case .eligible: "\(c.reactions) eligible reactions (candidates.csv lists no others)"
        case .none: "no reactions (the run wrote no candidates.csv: give --recompute to check them)"
        }
        return CommandOutcome(exit: .ok, stdout: "\(outPath): verified: manifest, \(c.lettings) lettings, \(reactions) and \(c.quotas) quota rows hold\(checkedLedger)\(recomputed)\n")
    }

    /// The folder against the ledger: no letting to a household the ledger barred when the batch
    /// ran (a batch not recorded, a dry run, against the ledger as it is now), no reaction
    /// excused by a bar the ledger does not hold, and no household with two accepted offers.
    func ledgerProblems(_ check: ResultCheck, _ run: RecordedRun, ledgerPath: String) throws -> ([Diagnostic], String) {
        guard let batch = run.summary.ledgerBatch else {
            throw CommandFailure(.usage, "\(outPath) was allocated without a ledger (its summary.json names no ledger batch); verify it without --ledger")
        }
        let policyFile = try RecordedRun.locate("policy", recorded: run.summary.run.policyFile, sha256: run.summary.run.policySHA256,
                                                given: policyPath, option: "--policy")
        let policy = try PolicyFile.load(policyFile).get()
        let ledger = try Ledger(path: ledgerPath)
        return try ledger.read { tx in
            let recorded = try tx.batch(batch) != nil
            let history = try tx.offerHistory(of: check.households, adverts: Set(check.adverts), asSeenBy: recorded ? batch : nil)
            var problems = check.offerHistoryProblems(history, policy.offers)
            if recorded, let day = Day(iso: run.summary.batch.peildatum) {
                let seen = try YearToDate.state(for: policy, on: day, in: tx, asSeenBy: batch)
                problems += yearToDateProblems(run, seen: AllocationSummary.yearToDate(seen, policy) ?? [:], batch: batch)
            }
            for twice in try tx.householdsHousedTwice() {
                problems.append(.error(.housedTwice, "\(twice.household) holds accepted offers of \(twice.adverts.joined(separator: ", ")): one home per household",
                                       at: SourceLocation(file: Ledger.absolute(ledgerPath), line: 0, column: 0)))
            }
            return (problems, recorded ? batch : "\(batch) (not recorded: the ledger as it is now)")
        }
    }

    /// summary.json's year to date against what the ledger held when the batch ran: a figure
    /// edited in summary.json (and quota-report.csv made to agree) no longer matches.
    func yearToDateProblems(_ run: RecordedRun, seen: [String: [AllocationSummary.SoFar]], batch: String) -> [Diagnostic] {
        let stated = run.summary.yearToDate ?? [:]
        let file = run.folder.appendingPathComponent("summary.json").path
        var problems: [Diagnostic] = []
        for name in Set(stated.keys).union(seen.keys).sorted() {
            let a = Dictionary((stated[name] ?? []).map { ($0.scope, $0) }, uniquingKeysWith: { first, _ in first })
            let b = Dictionary((seen[name] ?? []).map { ($0.scope, $0) }, uniquingKeysWith: { first, _ in first })
            for scope in Set(a.keys).union(b.keys).sorted() where a[scope] != b[scope] {
                func text(_ row: AllocationSummary.SoFar?) -> String {
                    row.map { "\($0.group) of \($0.lettings) lettings\($0.carryOver > 0 ? ", \($0.carryOver) carried over" : "")" } ?? "nothing"
                }
                problems.append(.error(.reportMismatch, "the year to date of \(name) in \(scope): summary.json says \(text(a[scope])), but the ledger held \(text(b[scope])) when batch \(batch) ran",
                                       at: SourceLocation(file: file, line: 0, column: 0)))
            }
        }
        return problems
    }

    /// Each file's lines against the count the run wrote in the manifest: a row deleted or
    /// added, with the hashes remade, still shows (a manifest an earlier Thuis wrote has none).
    func lineCountProblems(_ folder: URL, shown: String) -> [Diagnostic] {
        let manifest = folder.appendingPathComponent(OutputFolder.manifestName)
        guard let data = FileManager.default.contents(atPath: manifest.path), let listed = OutputFolder.parse(data) else { return [] }
        var problems: [Diagnostic] = []
        // Only the files the manifest lists (plain names): a count naming another path is not read.
        for (name, written) in OutputFolder.lineCounts(data).sorted(by: { $0.key < $1.key }) where listed[name] != nil {
            let path = folder.appendingPathComponent(name).path
            var lines = 0
            do {
                try StreamedFile.copy(path) { lines += LineCount.newlines($0) }
            } catch {
                continue   // a missing or unreadable file is the manifest check's to report
            }
            if lines != written {
                problems.append(.error(.reportMismatch, "\(name) has \(lines) lines, but the run wrote \(written) (manifest.sha256): a line was \(lines < written ? "deleted" : "added")",
                                       at: SourceLocation(file: "\(shown)/\(name)", line: min(lines, written) + 1, column: 1)))
            }
        }
        return problems
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

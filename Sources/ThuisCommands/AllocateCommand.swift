import CMalloc
import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports
import ThuisVERA
import ThuisXML

/// `thuis allocate`: reads a batch and a policy, allocates, and writes the five outputs.
public struct AllocateCommand: ThuisCommand {
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
    /// Create the ledger when there is none at `ledgerPath` (otherwise a missing ledger is an error).
    public var createLedger = false
    /// The whole summary, or JSON for machines.
    public var format = Format.text
    /// One line on stdout instead of the whole summary (`--quiet`, for cron).
    public var oneLine = false
    public enum Format: String, Sendable, CaseIterable { case text, json }
    /// The recorded batch this run replaces: its open offers are withdrawn, and its adverts may
    /// be offered again (those already let are not).
    public var supersede: String?
    /// A folder for the results as VERA JSON bodies (Toewijzing, Aanbieding, Kandidaat), written
    /// after the outputs are in place.
    public var veraOutPath: String?
    /// Which reactions candidates.csv lists, or none at all (summary.json records it).
    public var candidates = CandidatesContent.all

    public init(exports: [String], policyPath: String, outPath: String) {
        self.exports = exports
        self.policyPath = policyPath
        self.outPath = outPath
    }

    /// The output files, in the order they are listed (the manifest of them all last);
    /// `--candidates none` leaves out candidates.csv.
    public static let outputs = ["toewijzingen.xml", "allocations.csv", "candidates.csv", "quota-report.csv", "publication.csv",
                                 "summary.json", OutputFolder.manifestName]

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
        if let veraOutPath {
            try OutputFolder.requirePath(veraOutPath, option: "--vera-out")
            // One folder would be replaced by the other: the results would be lost.
            if URL(fileURLWithPath: veraOutPath).standardizedFileURL.path == URL(fileURLWithPath: outPath).standardizedFileURL.path {
                throw CommandFailure.usage("--vera-out must be another folder than --out (\(outPath)): each is written whole and would replace the other")
            }
        }
        // A batch id is written into the ledger and every offer's row of the outputs: an id's rules.
        if let batchID, let (_, reason) = batchID.utf8.withContiguousStorageIfAvailable({ FieldBytes.idProblem(UnsafeRawBufferPointer($0)) }) ?? nil {
            throw CommandFailure.usage("--batch-id \(reason)")
        }
        if batchID?.isEmpty == true { throw CommandFailure.usage("--batch-id needs an id") }
        let inputs = exports + [policyPath] + (ledgerPath.map { [$0] } ?? [])
        try OutputFolder.requireApart(outPath, option: "--out", from: inputs)
        if let veraOutPath { try OutputFolder.requireApart(veraOutPath, option: "--vera-out", from: inputs) }
        let progress = Progress(quiet: quiet)
        let started = Date()
        let input = try BatchInput.load(exports: exports, policies: [policyPath], errorLimit: errorLimit, progress: progress)
        var policy = input.policy
        // What reading warned of is said with the policy's warnings: on stderr and in the run's report.
        policy.warnings = input.warnings + policy.warnings
        if let seed { policy.seed = seed }
        if let mechanism { policy.mechanism = mechanism }
        guard let ledgerPath else {
            // The inputs' hashes (for summary.json) and the survey of an earlier result in --out
            // are made on the core the mechanism's rounds leave idle, not beside eligibility and
            // ranking, which use every core.
            let command = self
            let idleCore = Latch()
            defer { idleCore.open() }
            let hashing = BackgroundWork(after: idleCore) { () throws(any Error) in try AllocateCommand.Inputs(command) }
            let surveying = BackgroundWork(after: idleCore) { [outPath] in OutputFolder.Survey(outPath) }
            let (facts, summary) = try allocate(input.market, policy, inputs: hashing.value, progress: progress, beforeRounds: idleCore.open)
            try OutputFolder.commit(AllocateCommand.render(facts, summary: summary), to: outPath, surveyed: surveying.value())
            try writeVERA(veraResults(facts))
            progress.finish()
            var report = AllocateRunReport(state: .oneOff, out: outPath, summary: summary)
            report.warnings = policy.warnings.map(\.message)
            return try output(text: written(summary), report: report, stderr: DiagnosticText.render(policy.warnings))
        }
        return try runWithLedger(input.market, policy, ledgerPath: ledgerPath, started: started, progress)
    }

    /// What the run prints: the whole summary, one line with `quiet`, or JSON.
    func output(text: String, report: AllocateRunReport, stderr: String = "") throws -> CommandOutcome {
        let stdout = format == .json ? try report.json() : oneLine ? report.line : text
        return CommandOutcome(exit: .ok, stdout: stdout, stderr: stderr)
    }

    /// The allocation and its summary.
    func allocate(_ market: Market, _ policy: Policy, period: PeriodState? = nil, lapsed: [String] = [], inputs: () throws -> Inputs,
                  progress: Progress, beforeRounds: () -> Void = {}) throws -> (AllocationFacts, AllocationSummary) {
        // The read has freed its working memory, and glibc keeps what a thread's arena frees
        // (up to a threshold it raises after large frees): give it back before the allocation's
        // peak of memory.
        _ = malloc_trim(0)
        progress.begin("allocate")
        let allocation = Allocator.allocate(market, policy, period: period, beforeRounds: beforeRounds)
        progress.begin("write outputs")
        let facts = AllocationFacts(market: market, allocation: allocation, policy: policy)
        var summary = AllocationSummary(facts, inputs: try inputs().summary, lapsedPriorities: lapsed)
        summary.run.candidates = candidates == .all ? nil : candidates.rawValue
        return (facts, summary)
    }

    /// The files the run read, hashed once: the exports as one stream (the ledger's batch) and
    /// each with the policy (summary.json, by absolute path).
    struct Inputs: Sendable {
        let exportHash: String
        let policyHash: String
        let summary: AllocationSummary.Inputs

        init(_ command: AllocateCommand) throws {
            let exports = try Fingerprint.sha256(eachOf: command.exports)
            exportHash = exports.all
            policyHash = try Fingerprint.sha256(files: [command.policyPath])
            summary = AllocationSummary.Inputs(exports: command.exports.map(RecordedRun.absolute), exportSHA256: exports.each,
                                               policyFile: RecordedRun.absolute(command.policyPath), policySHA256: policyHash)
        }
    }

    /// What a run prints once its outputs are in place.
    func written(_ summary: AllocationSummary) -> String {
        let vera = veraOutPath.map { "Wrote the results as VERA JSON (toewijzingen-, aanbiedingen-, kandidaten-*.json, manifest.sha256) to \($0)\n" }
        let content = summary.candidatesContent ?? .all
        let names = AllocateCommand.outputs.filter { $0 != "candidates.csv" || content != .none }
        let only = content == .eligible ? " (candidates.csv: the eligible reactions only)" : ""
        return summary.text() + "\nWrote \(names.joined(separator: ", ")) to \(outPath)\(only)\n" + (vera ?? "")
    }

    /// The output files but the manifest; candidates.csv (as much of it as `summary` records
    /// the run asked for) is made while it is written.
    public static func render(_ facts: AllocationFacts, summary: AllocationSummary) throws -> [OutputFile] {
        // The smaller files are made side by side (a few seconds each on a national run).
        let xml = BackgroundWork { Array(toewijzingen(facts).utf8) }
        let offers = summary.ledgerBatch != nil
        let publication = BackgroundWork { PublicationTable.csv(facts, offers: offers) }
        let allocations = AllocationTables.allocations(facts)
        let json = try summary.json()
        let content = summary.candidatesContent ?? .all
        return [
            OutputFile("toewijzingen.xml", bytes: xml.value()),
            OutputFile("allocations.csv", bytes: allocations),
            content == .none ? nil : OutputFile("candidates.csv", .rows(AllocationTables.candidateRows(facts, eligibleOnly: content == .eligible))),
            OutputFile("quota-report.csv", bytes: Array(AllocationTables.quotaReport(facts).utf8)),
            OutputFile("publication.csv", bytes: publication.value()),
            OutputFile("summary.json", bytes: Array(json.utf8)),
        ].compactMap { $0 }
    }

    /// The VERA result pages, when `--vera-out` asks for them.
    func veraResults(_ facts: AllocationFacts) -> [(String, [UInt8])]? {
        guard veraOutPath != nil else { return nil }
        return VERAResultWriter.files(facts.market, facts.allocation, lettings: AllocateCommand.lettings(facts)).map { ($0.name, $0.bytes) }
    }

    /// Writes the VERA results after the outputs are in place.
    func writeVERA(_ files: [(String, [UInt8])]?) throws {
        guard let veraOutPath, let files else { return }
        do {
            try OutputFolder.commit(files, to: veraOutPath)
        } catch {
            var failure = CommandFailure(error)
            failure.diagnostics = failure.diagnostics.map { d in
                var d = d
                d.message = "the outputs are in \(outPath), but the VERA results could not be written: " + d.message
                return d
            }
            throw failure
        }
    }

    static func toewijzingen(_ facts: AllocationFacts) -> String {
        ToewijzingenWriter.document(batch: facts.market.batch, policy: facts.policy.name,
                                    mechanism: facts.policy.mechanism.rawValue, seed: facts.policy.seed, lettings: lettings(facts))
    }

    /// The lettings of the run, as toewijzingen.xml and the VERA results give them.
    static func lettings(_ facts: AllocationFacts) -> [AllocatedLetting] {
        let market = facts.market, allocation = facts.allocation
        return facts.advertIndices.filter { allocation.household[$0] >= 0 }.map { a -> AllocatedLetting in
            let h = Int(allocation.household[a]), d = Int(market.adverts.dwelling[a]), r = Int(allocation.reaction[a])
            let priorities = facts.appliedPriorities(a).map {
                (market.priorities.ids[$0], market.priorities.kind[$0].rawValue, market.priorities.category[$0].rawValue)
            }
            let reserve = facts.reserveName(a)
            var letting = AllocatedLetting(
                advert: market.adverts.ids[a], dwelling: market.dwellings.ids[d], household: market.households.ids[h],
                position: r >= 0 ? Int(allocation.position[r]) : nil, persons: Int(market.households.persons[h]),
                adults: Int(market.households.adults[h]),
                income: market.households.income[h], rent: market.dwellings.rent[d],
                passendheidsoort: facts.passendheidsoort(a), targetGroup: market.dwellings.targetGroup[d]?.rawValue,
                reserve: reserve.isEmpty ? nil : reserve, priorities: priorities)
            letting.applicant = market.households.applicant[Int32(h)]
            return letting
        }
    }
}

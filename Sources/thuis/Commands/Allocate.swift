import ArgumentParser
import ThuisCommands
import ThuisCore
import ThuisReports

extension Mechanism: ExpressibleByArgument {}
extension AllocateCommand.Format: ExpressibleByArgument {}
extension CandidatesContent: ExpressibleByArgument {}

struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate a batch's adverts under a policy and write the results.",
        discussion: """
            Writes toewijzingen.xml, allocations.csv, candidates.csv (unless --candidates none), quota-report.csv, publication.csv \
            and summary.json to --out, \
            all or nothing, and records the batch in the ledger. Exits 0, 64 for wrong arguments, 65 for a bad export \
            or policy (nothing is written), 66 for a missing file, 73 when the output cannot be written, 75 when \
            another run holds the ledger.
            """)

    @OptionGroup var input: ExportOptions

    @Option(help: "Policy file (TOML).")
    var policy: String

    @OptionGroup var output: OutputOptions

    @Option(help: "Also write the results as VERA JSON bodies (toewijzingen-, aanbiedingen-, kandidaten-*.json) to this folder, after --out.")
    var veraOut: String?

    @Option(help: "Which reactions candidates.csv lists: all, eligible (the ranked ones, each with its outcome) or none (no candidates.csv; a national one is 1.5 GB).")
    var candidates: CandidatesContent = .all

    @Option(help: "Lottery seed (overrides the policy's).")
    var seed: UInt64?

    @Option(help: "Mechanism: da or sequential (overrides the policy's).")
    var mechanism: Mechanism?

    @Option(help: "Stop reading after this many errors.")
    var maxErrors = 100

    @Option(help: "text (the summary; one line with --quiet) or json (what the run did, for scripts).")
    var format: AllocateCommand.Format = .text

    @OptionGroup var progress: ProgressOptions

    @OptionGroup var ledger: LedgerOptions

    @Flag(help: "A one-off run: no ledger is read or written.")
    var noLedger = false

    @Flag(help: "Create the ledger when there is none at --ledger (the run says so); without it a missing ledger is an error.")
    var createLedger = false

    @Option(help: "The batch's id (default: the peildatum and the start of the export's SHA-256).")
    var batchId: String?

    @Option(help: "Replace this recorded batch (a night exported again with corrections): its open offers are withdrawn, its accepted ones stay.")
    var supersede: String?

    @Flag(help: "Compute and write the outputs, record nothing in the ledger.")
    var dryRun = false

    @Option(help: "Seconds to wait while another run holds the ledger, then fail (exit 75).")
    var wait: Double = 60

    func validate() throws {
        if noLedger && dryRun { throw ValidationError("--dry-run reads the ledger; with --no-ledger nothing is recorded anyway") }
        if noLedger && createLedger { throw ValidationError("--create-ledger and --no-ledger contradict each other") }
        if noLedger && supersede != nil { throw ValidationError("--supersede replaces a batch in the ledger; with --no-ledger there is none") }
    }

    func run() throws {
        var command = AllocateCommand(exports: input.paths, policyPath: policy, outPath: output.out)
        command.seed = seed
        command.mechanism = mechanism
        command.candidates = candidates
        command.errorLimit = maxErrors
        command.quiet = progress.quiet
        command.oneLine = progress.quiet
        command.format = format
        command.ledgerPath = noLedger ? nil : ledger.ledger
        command.batchID = batchId
        command.dryRun = dryRun
        command.waitSeconds = wait
        command.createLedger = createLedger
        command.supersede = supersede
        command.veraOutPath = veraOut
        try command.runAndReport()
    }
}

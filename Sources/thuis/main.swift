import ArgumentParser
import ThuisCommands
import ThuisCore
import ThuisGenerator

#if canImport(Glibc)
import Glibc
#endif

/// The `thuis` command line: parses arguments and hands over to ThuisCommands.
struct Thuis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thuis",
        abstract: "Allocate vacant social-rental dwellings to households under quotas for priority groups.",
        subcommands: [Allocate.self, Explain.self, Validate.self, Generate.self, RecordOutcomes.self, Report.self, Compare.self, Sweep.self, Merge.self, Simulate.self]
    )
}

extension ValidateCommand.Format: ExpressibleByArgument {}
extension Mechanism: ExpressibleByArgument {}

struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate a batch's adverts under a policy and write the results.",
        discussion: """
            Writes toewijzingen.xml, allocations.csv, candidates.csv, quota-report.csv and summary.json to --out, \
            all or nothing. Exits 0, 65 for a bad export or policy (nothing is written), 66 for a missing file, \
            73 when the output cannot be written.
            """)

    @Option(help: "Export file of the batch (repeat for several files).")
    var export: [String]

    @Option(help: "Policy file (TOML).")
    var policy: String

    @Option(help: "Output folder: created, or replaced when it holds an earlier result.")
    var out: String

    @Option(help: "Lottery seed (overrides the policy's).")
    var seed: UInt64?

    @Option(help: "Mechanism: da or sequential (overrides the policy's).")
    var mechanism: Mechanism?

    @Option(help: "Stop reading after this many errors.")
    var maxErrors = 100

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Option(help: "The ledger of batches and offers, for year-to-date quotas.")
    var ledger = "thuis.sqlite"

    @Flag(help: "A one-off run: no ledger is read or written.")
    var noLedger = false

    @Option(help: "The batch's id (default: the peildatum and the start of the export's SHA-256).")
    var batchId: String?

    @Flag(help: "Compute and write the outputs, record nothing in the ledger.")
    var dryRun = false

    @Option(help: "Seconds to wait while another run holds the ledger, then fail (exit 75).")
    var wait: Double = 60

    func validate() throws {
        if noLedger && dryRun { throw ValidationError("--dry-run reads the ledger; with --no-ledger nothing is recorded anyway") }
        if export.isEmpty { throw ValidationError("give at least one --export FILE") }
    }

    func run() throws {
        var command = AllocateCommand(exports: export, policyPath: policy, outPath: out)
        command.seed = seed
        command.mechanism = mechanism
        command.errorLimit = maxErrors
        command.quiet = quiet
        command.ledgerPath = noLedger ? nil : ledger
        command.batchID = batchId
        command.dryRun = dryRun
        command.waitSeconds = wait
        emit(command.run())
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain an allocation in plain language: for a household, each advert it reacted to; for an advert, its candidate list.")

    @Option(help: "The --out folder of a thuis allocate run.")
    var out: String

    @Option(help: "A household id (repeatable).")
    var household: [String] = []

    @Option(help: "An advert id (repeatable).")
    var advert: [String] = []

    func validate() throws {
        if household.isEmpty && advert.isEmpty { throw ValidationError("give --household ID or --advert ID") }
    }

    func run() throws {
        var command = ExplainCommand(outPath: out)
        command.households = household
        command.adverts = advert
        emit(command.run())
    }
}

enum ProfileName: String, ExpressibleByArgument, CaseIterable {
    case nightly, region, national
    var profile: GeneratorProfile {
        switch self {
        case .nightly: return .nightly
        case .region: return .region
        case .national: return .national
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic synthetic export: the same seed gives the same bytes.",
        discussion: "nightly: ~200 adverts, 25k households, 40k reactions. region: 13k adverts, 170k households, 2.6M reactions. national: 165k adverts, 2M households, ~30M reactions.")

    @Option(help: "nightly, region or national.")
    var profile: ProfileName

    @Option(help: "Seed of the generator.")
    var seed: UInt64

    @Option(help: "The export file to write.")
    var out: String

    @Option(help: "Multiply the profile's adverts and households.")
    var scale = 1.0

    @Option(help: "Share of households with a priority status.")
    var priorityShare = 0.2

    @Option(help: "Share of adverts let by lottery.")
    var lotteryShare = 0.1

    @Option(help: "Mean reactions per household (the profile's by default).")
    var reactionsPerHousehold: Double?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Option(help: "The batch's peildatum, YYYY-MM-DD (the profile's by default).")
    var peildatum: String?

    @Option(help: "Prefix of advert and dwelling ids, to keep the adverts of a series of batches apart.")
    var advertPrefix = ""

    func validate() throws {
        if let peildatum, Day(iso: peildatum) == nil { throw ValidationError("--peildatum must be a date YYYY-MM-DD") }
        guard scale > 0, scale <= 100 else { throw ValidationError("--scale must be above 0 and at most 100") }
        guard (0...1).contains(priorityShare), (0...1).contains(lotteryShare) else {
            throw ValidationError("--priority-share and --lottery-share are shares between 0 and 1")
        }
        if let r = reactionsPerHousehold, r < 1 { throw ValidationError("--reactions-per-household must be at least 1") }
    }

    func run() throws {
        var command = GenerateCommand(profile: profile.profile, seed: seed, outPath: out)
        command.scale = scale
        command.priorityShare = priorityShare
        command.lotteryShare = lotteryShare
        command.reactionsPerHousehold = reactionsPerHousehold
        command.quiet = quiet
        command.referenceDate = peildatum.flatMap { Day(iso: $0) }
        command.advertPrefix = advertPrefix
        emit(command.run())
    }
}

struct RecordOutcomes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record-outcomes",
        abstract: "Record the answers to earlier offers (CSV: advert_id,household_id,status,detail_status,date).",
        discussion: "Status TOE (accepted), GEW (refused) or ING (withdrawn). All rows are recorded, or none.")

    @Argument(help: "The CSV file of outcomes.")
    var file: String

    @Option(help: "The ledger.")
    var ledger = "thuis.sqlite"

    func run() throws {
        emit(RecordOutcomesCommand(file: file, ledgerPath: ledger).run())
    }
}

extension ReportCommand.Format: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What the ledger holds for a period: lettings per group, legal shares, quotas, refusals.")

    @Option(help: "The ledger.")
    var ledger = "thuis.sqlite"

    @Option(help: "A year (2026) or half-year (2026-H1, 2026-H2).")
    var period: String

    @Option(help: "The policy, for quota targets and legal minimums.")
    var policy: String?

    @Option(help: "table, csv or json.")
    var format: ReportCommand.Format = .table

    func run() throws {
        var command = ReportCommand(ledgerPath: ledger, period: period)
        command.policyPath = policy
        command.format = format
        emit(command.run())
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One market under two policies (or two mechanisms): shares, success rates, displacement between groups.")

    @Option(help: "Export file of the batch (repeatable).")
    var export: [String]

    @Option(help: "Policy file; give two to compare policies, or one with two --mechanism.")
    var policy: [String]

    @Option(help: "Mechanism for A, then B (overrides the policies').")
    var mechanism: [Mechanism] = []

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Repeat over lottery seeds 1...N and give means with 95% intervals.")
    var seeds = 1

    @Option(help: "Also write a self-contained HTML report here.")
    var html: String?

    @Flag(help: "Also write household-outcomes.csv with the export's household ids.")
    var withIds = false

    @Option(help: "Also write household-outcomes.csv with keyed hashes (HMAC-SHA-256) of the ids instead.")
    var pseudonymise: String?

    func run() throws {
        var command = CompareCommand(exports: export, policies: policy, outPath: out)
        command.withIDs = withIds
        command.pseudonymiseKey = pseudonymise
        command.mechanisms = mechanism
        command.seeds = max(1, seeds)
        command.htmlPath = html
        emit(command.run())
    }
}

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A grid of scenarios over policy knobs, one CSV row per scenario and seed; the trade-off curve in HTML.")

    @Option(help: "Export file of the batch (repeatable).")
    var export: [String]

    @Option(help: "The base policy.")
    var policy: String

    @Option(help: "KEY=FROM:TO:STEP, e.g. quotas.aandachtsgroepen-30.share=0:0.6:0.05 (repeatable: a grid).")
    var vary: [String]

    @Option(help: "Lottery seeds 1...N per grid point.")
    var seeds = 1

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Run only part I of N (0-based), e.g. 0/4; join the parts with thuis merge.")
    var shard: String?

    @Option(help: "Also write the trade-off curve as a self-contained HTML page.")
    var html: String?

    func run() throws {
        var command = SweepCommand(exports: export, policyPath: policy, vary: vary, outPath: out)
        command.seeds = seeds
        command.htmlPath = html
        command.shard = try shard.map(parseShard)
        emit(command.run())
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Join the shard outputs of one sweep into the single-process result.")

    @Option(help: "Output folder.")
    var out: String

    @Argument(help: "The shards' output folders.")
    var shards: [String]

    func run() throws {
        emit(MergeCommand(shards: shards, outPath: out).run())
    }
}

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A simulated stretch of nights: arrivals, departures, priorities, daily adverts, nightly batches, offers accepted or refused.")

    @Option(help: "nightly or region (sizes per day).")
    var profile: String

    @Option(help: "Days to simulate.")
    var days = 365

    @Option(help: "Multiply the profile's sizes.")
    var scale = 1.0

    @Option(help: "The policy.")
    var policy: String

    @Option(help: "Seed.")
    var seed: UInt64 = 1

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Also write a self-contained HTML report here.")
    var html: String?

    @Option(help: "Chance to accept an offer of one's first choice (default 0.85).")
    var acceptance: Double?

    @Option(help: "Factor on that chance per place lower in one's preferences (default 0.85).")
    var acceptanceDecay: Double?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Option(help: "Repeat the year for seeds 1...N: runs.csv with a row per seed and group.")
    var seeds = 1

    @Option(help: "Run only part I of N of the seeds (0-based); join the parts with thuis merge.")
    var shard: String?

    @Option(help: "Keep the simulated nights in this ledger and read the period quotas from it, as nightly runs do (a new file).")
    var ledger: String?

    func run() throws {
        var command = SimulateCommand(profile: profile, policyPath: policy, outPath: out)
        command.ledgerPath = ledger
        command.seeds = max(1, seeds)
        command.shard = try shard.map(parseShard)
        command.days = days
        command.scale = scale
        command.seed = seed
        command.htmlPath = html
        command.acceptance = acceptance
        command.acceptanceDecay = acceptanceDecay
        command.quiet = quiet
        emit(command.run())
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a batch export (one or more XML files, .xml.gz too) and summarise it.",
        discussion: "Exits 0 when the batch is valid, 65 when it has errors (each printed as FILE:LINE:COL: error: CODE: message), 66 when a file is missing.")

    @Argument(help: "Export files of one batch; several files merge into one market.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: ValidateCommand.Format = .text

    @Flag(help: "Leave invalid records (and what depends on them) out, listing them in the rejects file, instead of failing.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid writes the rejected records (CSV).")
    var rejects = "rejects.csv"

    @Option(help: "Stop after this many errors.")
    var maxErrors = 100

    func run() throws {
        var command = ValidateCommand(files: files)
        command.format = format
        command.skipInvalid = skipInvalid
        command.rejectsPath = rejects
        command.errorLimit = maxErrors
        emit(command.run())
    }
}

/// `I/N` with 0 <= I < N, as `--shard` takes it.
func parseShard(_ text: String) throws -> (index: Int, count: Int) {
    let parts = text.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
        throw ValidationError("--shard is I/N with 0 <= I < N")
    }
    return (parts[0], parts[1])
}

/// Prints a command's output and exits with its code.
func emit(_ outcome: CommandOutcome) -> Never {
    if !outcome.stderr.isEmpty { FileHandleOutput.standardError.write(outcome.stderr) }
    if !outcome.stdout.isEmpty { FileHandleOutput.standardOutput.write(outcome.stdout) }
    exit(outcome.exit.rawValue)
}

/// Unbuffered writes to the standard streams.
enum FileHandleOutput {
    case standardOutput, standardError

    func write(_ text: String) {
        var text = text
        let fd: Int32 = self == .standardOutput ? 1 : 2
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

Thuis.main()

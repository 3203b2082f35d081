import ArgumentParser
import ThuisCommands
import ThuisCore

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One market under two policies (or two mechanisms): shares, success rates, displacement between groups.")

    @Option(help: "Export file of the batch (repeat for several files); or give --profile.")
    var export: [String] = []

    @Option(help: "Generate the markets from this profile (nightly, region, national) instead of reading an export.")
    var profile: String?

    @Option(help: "With --profile: markets 1...N, each under every lottery seed; intervals are then over the markets.")
    var markets = 1

    @Option(help: "With --profile: the generator's scale (1 = the profile's size).")
    var scale = 1.0

    @Option(help: "Policy file; give two to compare policies, or one with two --mechanism.")
    var policy: [String]

    @Option(help: "Mechanism for A, then B (overrides the policies').")
    var mechanism: [Mechanism] = []

    @OptionGroup var output: OutputOptions

    @Option(help: "Repeat over lottery seeds 1...N and give means with 95% Student-t intervals.")
    var seeds = 1

    @OptionGroup var page: PageOptions
    @OptionGroup var progress: ProgressOptions

    @Flag(help: "Also write household-outcomes.csv with the export's household ids.")
    var withIds = false

    @Flag(help: "Also write household-outcomes.csv with keyed hashes (HMAC-SHA-256) of the ids, the key from THUIS_PSEUDONYMISATION_KEY.")
    var pseudonymise = false

    @Option(help: "The same, with the key from the first line of this file (kept out of the command line, which ps shows).")
    var pseudonymiseKeyFile: String?

    func validate() throws {
        if export.isEmpty == (profile == nil) { throw ValidationError("give --export FILE, or --profile NAME (with --markets N)") }
        if markets < 1 || (markets > 1 && profile == nil) { throw ValidationError("--markets N (at least 1) needs --profile: markets are generated") }
        if !(scale > 0 && scale <= 10) { throw ValidationError("--scale is more than 0 and at most 10") }
    }

    func run() throws {
        var command = CompareCommand(exports: export, policies: policy, outPath: output.out)
        command.profile = profile
        command.commandLine = Array(CommandLine.arguments.dropFirst())
        command.markets = markets
        command.scale = scale
        command.withIDs = withIds
        command.pseudonymiseKeyFromEnvironment = pseudonymise
        command.pseudonymiseKeyFile = pseudonymiseKeyFile
        command.mechanisms = mechanism
        command.seeds = max(1, seeds)
        command.htmlPath = page.html
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

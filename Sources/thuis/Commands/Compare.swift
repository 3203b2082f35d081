import ArgumentParser
import ThuisCommands
import ThuisCore

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One market under two policies (or two mechanisms): shares, success rates, displacement between groups.")

    @OptionGroup var input: MarketOptions

    @Option(help: "Policy file; give two to compare policies, or one with two --mechanism.")
    var policy: [String]

    @Option(help: "Mechanism for A, then B (overrides the policies').")
    var mechanism: [Mechanism] = []

    @Option(help: ArgumentHelp("A policy file whose [groups] define the groups for both scenarios (default: the first policy's).", valueName: "policy.toml"))
    var groups: String?

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

    func run() throws {
        var command = CompareCommand(exports: input.export, policies: policy, outPath: output.out)
        command.profile = input.profile
        command.commandLine = Array(CommandLine.arguments.dropFirst())
        command.markets = input.markets
        command.scale = input.scale
        command.withIDs = withIds
        command.pseudonymiseKeyFromEnvironment = pseudonymise
        command.pseudonymiseKeyFile = pseudonymiseKeyFile
        command.mechanisms = mechanism
        command.seeds = max(1, seeds)
        command.htmlPath = page.html
        command.groupsPath = groups
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

import ArgumentParser
import ThuisCommands

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A grid of scenarios over policy knobs, one CSV row per scenario and seed; the trade-off curve in HTML.")

    @OptionGroup var input: MarketOptions

    @Option(help: "The base policy.")
    var policy: String

    @Option(help: "KEY=FROM:TO:STEP, e.g. quotas.aandachtsgroepen-30.share=0:0.6:0.05 (repeatable: a grid).")
    var vary: [String]

    @Option(help: ArgumentHelp("The grid point every other is compared with, paired (differences.csv): KEY=VALUE per knob of --vary (default: the first point).", valueName: "KEY=VALUE"))
    var baseline: [String] = []

    @OptionGroup var repetition: SeedOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var page: PageOptions
    @OptionGroup var progress: ProgressOptions

    func run() throws {
        var command = SweepCommand(exports: input.export, policyPath: policy, vary: vary, outPath: output.out)
        command.profile = input.profile
        command.markets = input.markets
        command.scale = input.scale
        command.seeds = repetition.seeds
        command.shard = repetition.shard
        command.htmlPath = page.html
        command.quiet = progress.quiet
        command.baseline = baseline
        try command.runAndReport()
    }
}

import ArgumentParser
import ThuisCommands

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the shard outputs of one sweep (or multi-seed simulation) into the single-process result.")

    @OptionGroup var output: OutputOptions

    @OptionGroup var page: PageOptions

    @Argument(help: "The shards' output folders.")
    var shards: [String]

    func run() throws {
        var command = MergeCommand(shards: shards, outPath: output.out)
        command.htmlPath = page.html
        try command.runAndReport()
    }
}

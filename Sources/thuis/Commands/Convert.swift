import ArgumentParser
import ThuisCommands
import ThuisVERA

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a batch (export files or a VERA folder) as a VERA batch folder: batch.json and JSON pages.",
        discussion: "The folder is written all or nothing, with a manifest; `thuis allocate --vera DIR` reads it into the same market. Exits 0, 64, 65 for a bad batch (nothing is written), 66, 73.")

    @OptionGroup var input: ExportOptions

    @Option(help: "The VERA batch folder to write.")
    var veraOut: String

    @Option(help: "Items per page (VERA's list endpoints return at most 100).")
    var pageSize = 100

    @OptionGroup var reactionOptions: ReactionOptions

    func validate() throws {
        guard pageSize >= 1 else { throw ValidationError("--page-size must be at least 1") }
    }

    func run() throws {
        var command = ConvertCommand(inputs: input.paths, outPath: veraOut)
        command.itemsPerPage = pageSize
        command.reactions = reactionOptions.reactions
        try command.runAndReport()
    }
}

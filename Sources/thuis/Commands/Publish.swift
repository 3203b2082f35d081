import ArgumentParser
import ThuisCommands

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Post the results of allocate --vera-out to a VERA API: kandidaten, aanbiedingen, toewijzingen.",
        discussion: """
            Checks the folder against its manifest first (nothing is posted from a changed folder), then POSTs each item, \
            retrying on 429 and 5xx answers. Exits 0, 64, 65 for a changed folder, 66, 69 when the API cannot be reached \
            or keeps failing, 77 when it refuses the token.
            """)

    @Argument(help: "The folder allocate --vera-out wrote.")
    var folder: String

    @OptionGroup var api: APIOptions

    @OptionGroup var progress: ProgressOptions

    func run() throws {
        var command = PublishCommand(url: api.veraUrl, tokenFile: api.tokenFile, folder: folder)
        command.attempts = api.attempts
        command.retryDelay = api.retryDelay
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

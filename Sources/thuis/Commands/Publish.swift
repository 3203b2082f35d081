import ArgumentParser
import ThuisCommands

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Post the results of allocate --vera-out to a VERA API, each item exactly once however often it is run.",
        discussion: """
            Checks the folder against its manifest first (nothing is posted from a changed folder), then POSTs each item \
            of --resources, --concurrency at a time, recording what was sent and what the API stored in a journal \
            beside the folder: a publish run again after any failure resumes, and looks an unclear item up by its \
            idExtern before posting it again. Exits 0, 64, 65 for a changed folder or another result's journal, 66, 69 \
            when the API cannot be reached or keeps failing, 73, 77 when it refuses the credentials; on failure it \
            says how much is stored.
            """)

    @Argument(help: "The folder allocate --vera-out wrote.")
    var folder: String

    @OptionGroup var api: APIOptions

    @Option(help: "The resources to post, comma-separated: aanbiedingen, toewijzingen, kandidaten (the candidate lists, most of the volume).")
    var resources = PublishCommand.defaultResources.joined(separator: ",")

    @Option(help: "The publish journal (default: FOLDER.publish-journal beside the folder).")
    var journal: String?

    @Option(help: "Seconds the whole publish may take.")
    var timeout = 86400.0

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        let chosen = resources.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !chosen.isEmpty, chosen.allSatisfy(PublishCommand.allResources.contains) else {
            throw ValidationError("--resources lists some of \(PublishCommand.allResources.joined(separator: ", ")), comma-separated")
        }
        guard timeout > 0 && timeout <= 7 * 86400 else { throw ValidationError("--timeout is above 0 and at most a week (604800 s)") }
    }

    func run() throws {
        var command = PublishCommand(url: api.veraUrl, credentials: try api.credentials(), folder: folder)
        command.resources = resources.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        command.journalPath = journal
        command.attempts = api.attempts
        command.retryDelay = api.retryDelay
        command.concurrency = api.concurrency
        command.timeout = timeout
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

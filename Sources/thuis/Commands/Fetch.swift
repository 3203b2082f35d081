import ArgumentParser
import ThuisCommands
import ThuisCore

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch a batch from a VERA API (WRV): page through its list endpoints and write the folder --vera reads.",
        discussion: """
            GETs /eenheden, /publicaties, /relaties, /reacties and /aanbiedingen page by page (VERA's cursor or page \
            headers), retrying on 429 and 5xx answers with a growing wait, and writes batch.json and every page's body \
            to --out, all or nothing. Exits 0, 64, 66 for a missing token file, 69 when the API cannot be reached or \
            keeps failing, 73, 77 when it refuses the token (401/403).
            """)

    @Option(help: "Base URL of the VERA API, e.g. https://wrv.example.nl/v4.")
    var veraUrl: String

    @Option(help: "File holding the bearer token (one line).")
    var tokenFile: String

    @OptionGroup var output: OutputOptions

    @Option(help: "The batch's peildatum, YYYY-MM-DD (sent as X-Parameters-PeiltijdstipMaterieel).")
    var peildatum: String

    @Option(help: "The region the batch is for (written to batch.json).")
    var regio: String

    @Option(help: "Items asked for per page (at most 100).")
    var pageSize = 100

    @Option(help: "Attempts per request before giving up.")
    var attempts = 5

    @Option(help: "Seconds to wait before the first retry; the wait doubles each time (at most 30 s).")
    var retryDelay = 1.0

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard Day(iso: peildatum) != nil else { throw ValidationError("--peildatum must be a date YYYY-MM-DD") }
        guard (1...100).contains(pageSize) else { throw ValidationError("--page-size is 1 to 100 (VERA's list endpoints return at most 100)") }
        guard (1...100).contains(attempts) else { throw ValidationError("--attempts is 1 to 100") }
        guard retryDelay >= 0 && retryDelay <= 30 else { throw ValidationError("--retry-delay is 0 to 30 seconds") }
        guard !regio.isEmpty else { throw ValidationError("--regio must not be empty") }
    }

    func run() throws {
        var command = FetchCommand(url: veraUrl, tokenFile: tokenFile, outPath: output.out, referenceDate: Day(iso: peildatum)!, region: regio)
        command.pageSize = pageSize
        command.attempts = attempts
        command.retryDelay = retryDelay
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

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

    @Option(help: "Base URL of the VERA API.")
    var veraUrl: String

    @Option(help: "File holding the bearer token (one line).")
    var tokenFile: String

    @Option(help: "Attempts per request before giving up.")
    var attempts = 5

    @Option(help: "Seconds to wait before the first retry; the wait doubles each time (at most 30 s).")
    var retryDelay = 1.0

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard (1...100).contains(attempts) else { throw ValidationError("--attempts is 1 to 100") }
        guard retryDelay >= 0 && retryDelay <= 30 else { throw ValidationError("--retry-delay is 0 to 30 seconds") }
    }

    func run() throws {
        var command = PublishCommand(url: veraUrl, tokenFile: tokenFile, folder: folder)
        command.attempts = attempts
        command.retryDelay = retryDelay
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

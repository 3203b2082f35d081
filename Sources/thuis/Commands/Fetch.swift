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

    @OptionGroup var api: APIOptions

    @OptionGroup var output: OutputOptions

    @Option(help: "The batch's peildatum, YYYY-MM-DD (sent as X-Parameters-PeiltijdstipMaterieel).")
    var peildatum: String

    @Option(help: "The region the batch is for (written to batch.json).")
    var regio: String

    @Option(help: "Items asked for per page (at most 100).")
    var pageSize = 100

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard Day(iso: peildatum) != nil else { throw ValidationError("--peildatum must be a date YYYY-MM-DD") }
        guard (1...100).contains(pageSize) else { throw ValidationError("--page-size is 1 to 100 (VERA's list endpoints return at most 100)") }
        guard !regio.isEmpty else { throw ValidationError("--regio must not be empty") }
    }

    func run() throws {
        var command = FetchCommand(url: api.veraUrl, tokenFile: api.tokenFile, outPath: output.out, referenceDate: Day(iso: peildatum)!, region: regio)
        command.pageSize = pageSize
        command.attempts = api.attempts
        command.retryDelay = api.retryDelay
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

import ArgumentParser
import ThuisCommands
import ThuisCore

extension FetchCommand.ReactionsEndpoint: ExpressibleByArgument {}

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch a batch from a VERA API (WRV): what the peildatum's allocation needs, written as the folder --vera reads.",
        discussion: """
            GETs /publicaties, /aanbiedingen and /kandidaten (status REA) page by page, keeping the publications whose \
            window closed by the peildatum and what refers to them, then /eenheden/{id} and /relaties/{id} for the \
            dwellings and households those need. Paging follows whatever the server does (cursor, page numbers from 0 \
            or 1, a capped page size) and ends only at an empty page or the announced total. Credentials go only to the \
            API's origin. Writes the folder all or nothing. Exits 0, 64, 66 for a missing credentials file, 69 when the \
            API cannot be reached, keeps failing, answers what cannot be followed or misses --timeout, 73, 77 when it \
            refuses the credentials.
            """)

    @OptionGroup var api: APIOptions

    @OptionGroup var output: OutputOptions

    @Option(help: "The batch's peildatum, YYYY-MM-DD (sent as X-Parameters-PeiltijdstipMaterieel).")
    var peildatum: String

    @Option(help: "The region the batch is for (written to batch.json).")
    var regio: String

    @Option(help: "Items asked for per page (at most 100).")
    var pageSize = 100

    @Option(help: "kandidaten (WRV: Kandidaten with status REA) or reacties (the domain model's /reacties, not in WRV).")
    var reactionsEndpoint: FetchCommand.ReactionsEndpoint = .kandidaten

    @Option(help: "A corporation whose publications make the batch (idOrganisatie; repeat for several; default all).")
    var corporation: [String] = []

    @Option(help: "Seconds the whole fetch may take; past it, nothing is written (exit 69).")
    var timeout = 3600.0

    @OptionGroup var progress: ProgressOptions

    func validate() throws {
        guard Day(iso: peildatum) != nil else { throw ValidationError("--peildatum must be a date YYYY-MM-DD") }
        guard (1...100).contains(pageSize) else { throw ValidationError("--page-size is 1 to 100 (VERA's list endpoints return at most 100)") }
        guard !regio.isEmpty else { throw ValidationError("--regio must not be empty") }
        guard timeout > 0 && timeout <= 7 * 86400 else { throw ValidationError("--timeout is above 0 and at most a week (604800 s)") }
    }

    func run() throws {
        var command = FetchCommand(url: api.veraUrl, credentials: try api.credentials(), outPath: output.out,
                                   referenceDate: Day(iso: peildatum)!, region: regio)
        command.pageSize = pageSize
        command.reactionsEndpoint = reactionsEndpoint
        command.corporations = corporation
        command.attempts = api.attempts
        command.retryDelay = api.retryDelay
        command.concurrency = api.concurrency
        command.timeout = timeout
        command.quiet = progress.quiet
        try command.runAndReport()
    }
}

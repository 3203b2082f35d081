import ArgumentParser
import ThuisCommands
import ThuisCore
import ThuisGenerator

extension GenerateCommand.Format: ExpressibleByArgument {}

extension GeneratorProfile: ExpressibleByArgument {
    public init?(argument: String) {
        guard let profile = GeneratorProfile.all.first(where: { $0.name == argument }) else { return nil }
        self = profile
    }

    public static var allValueStrings: [String] { all.map(\.name) }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic synthetic export: the same seed gives the same bytes.",
        discussion: "nightly: ~200 adverts, 25k households, 40k reactions. region: 13k adverts, 170k households, 2.6M reactions. national: 165k adverts, 2M households, ~30M reactions.")

    @Option(help: "nightly, region or national.")
    var profile: GeneratorProfile

    @Option(help: "Seed of the generator.")
    var seed: UInt64

    @Option(help: "The export file to write (a folder for --format vera).")
    var out: String?

    @Option(help: "Also write the dwelling stock of the profile's municipalities, for thuis monitor (CBS 82900NED layout).")
    var stock: String?

    @Option(help: "Also write a building programme for them, for thuis monitor.")
    var programme: String?

    @Option(help: "xml (Thuis's export format) or vera (a VERA batch folder: batch.json and JSON pages).")
    var format: GenerateCommand.Format = .xml

    @Option(help: "Items per page of a VERA folder (VERA's list endpoints return at most 100).")
    var pageSize = 100

    @OptionGroup var reactionOptions: ReactionOptions

    @Option(help: "Multiply the profile's adverts and households.")
    var scale = 1.0

    @Option(help: "Share of households with a priority status.")
    var priorityShare = 0.2

    @Option(help: "Share of adverts let by lottery.")
    var lotteryShare = 0.1

    @Option(help: "Mean reactions per household (the profile's by default).")
    var reactionsPerHousehold: Double?

    @OptionGroup var progress: ProgressOptions

    @Option(help: "The batch's peildatum, YYYY-MM-DD (the profile's by default).")
    var peildatum: String?

    @Option(help: "Prefix of advert and dwelling ids, to keep the adverts of a series of batches apart.")
    var advertPrefix = ""

    func validate() throws {
        if let peildatum, Day(iso: peildatum) == nil { throw ValidationError("--peildatum must be a date YYYY-MM-DD") }
        guard scale > 0, scale <= 100 else { throw ValidationError("--scale must be above 0 and at most 100") }
        guard (0...1).contains(priorityShare), (0...1).contains(lotteryShare) else {
            throw ValidationError("--priority-share and --lottery-share are shares between 0 and 1")
        }
        guard out != nil || stock != nil || programme != nil else { throw ValidationError("give --out, --stock or --programme") }
        guard pageSize >= 1 else { throw ValidationError("--page-size must be at least 1") }
        if let r = reactionsPerHousehold, r < 1 { throw ValidationError("--reactions-per-household must be at least 1") }
    }

    func run() throws {
        var command = GenerateCommand(profile: profile, seed: seed, outPath: out)
        command.scale = scale
        command.priorityShare = priorityShare
        command.lotteryShare = lotteryShare
        command.reactionsPerHousehold = reactionsPerHousehold
        command.quiet = progress.quiet
        command.referenceDate = peildatum.flatMap { Day(iso: $0) }
        command.advertPrefix = advertPrefix
        command.format = format
        command.itemsPerPage = pageSize
        command.reactions = reactionOptions.reactions
        command.stockPath = stock
        command.programmePath = programme
        try command.runAndReport()
    }
}

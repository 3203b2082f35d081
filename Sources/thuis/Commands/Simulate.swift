import ArgumentParser
import ThuisCommands

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A simulated stretch of nights: arrivals, departures, priorities, daily adverts, nightly batches, offers accepted or refused.")

    @Option(help: "nightly or region (sizes per day).")
    var profile: String

    @Option(help: "Days to simulate.")
    var days = 365

    @Option(help: "Multiply the profile's sizes.")
    var scale = 1.0

    @Option(help: "The policy; give two (--policy A --policy B) to run both on the same markets and seeds and compare them, paired.")
    var policy: [String]

    @Option(help: "Seed (of a single run).")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    @OptionGroup var page: PageOptions

    @Option(help: "Chance to accept an offer of one's first choice (default 0.85).")
    var acceptance: Double?

    @Option(help: "Factor on that chance per place lower in one's preferences (default 0.85).")
    var acceptanceDecay: Double?

    @OptionGroup var progress: ProgressOptions

    @OptionGroup var repetition: SeedOptions

    @Option(help: "Markets 1...M, each under every lottery seed 1...N (--seeds): the market's draws (registrations, adverts, reactions) apart from the lottery's (the nights' lotteries, acceptance of offers).")
    var markets = 1

    @Option(help: "Horizon of the restricted mean time to housing, in years (default 5).")
    var horizonYears: Double = 5

    @Option(help: "Keep the simulated nights in this ledger and read the period quotas from it, as nightly runs do (a new file).")
    var ledger: String?

    func run() throws {
        guard (1...2).contains(policy.count) else { throw ValidationError("give one --policy, or two to compare") }
        var command = SimulateCommand(profile: profile, policyPath: policy[0], outPath: output.out)
        command.otherPolicyPath = policy.count == 2 ? policy[1] : nil
        command.ledgerPath = ledger
        command.seeds = repetition.seeds
        command.markets = markets
        command.shard = repetition.shard
        command.days = days
        command.scale = scale
        command.seed = seed
        command.htmlPath = page.html
        command.acceptance = acceptance
        command.acceptanceDecay = acceptanceDecay
        command.quiet = progress.quiet
        command.horizon = Int((max(0.1, min(horizonYears, 50)) * 365.25).rounded())
        try command.runAndReport()
    }
}

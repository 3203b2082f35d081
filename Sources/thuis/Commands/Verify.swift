import ArgumentParser
import ThuisCommands

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an allocation from its own files: manifest, lettings, every reaction's outcome, caps and floors.",
        discussion: "Exits 0 when every check holds, 65 with each violation located (FILE:LINE:COL). With --recompute, or --export and --policy, also recomputes the run from its inputs and compares every output.")

    @Argument(help: "The --out folder of a thuis allocate run.")
    var out: String

    @Flag(help: "Also recompute the run from the export and policy summary.json names, and compare every output.")
    var recompute = false

    @Option(help: "The run's export where it is now (repeat for each, in the run's order; checked by SHA-256); implies --recompute.")
    var export: [String] = []

    @Option(help: "The run's policy file where it is now (checked by SHA-256); implies --recompute.")
    var policy: String?

    @Option(help: "The ledger the run was recorded in: also check that no advert went to a household it barred (housed, refused that advert, waiting on an open offer) and that no household holds two accepted offers.")
    var ledger: String?

    @Option(name: .customLong("max-errors"), help: "List at most this many problems.")
    var maxErrors = 100

    func run() throws {
        var command = VerifyCommand(outPath: out)
        command.recompute = recompute
        command.exports = export
        command.policyPath = policy
        command.ledgerPath = ledger
        command.limit = max(1, maxErrors)
        try command.runAndReport()
    }
}

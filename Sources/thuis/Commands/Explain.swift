import ArgumentParser
import ThuisCommands
import ThuisReports

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain an allocation in plain language: for a household, each advert it reacted to; for an advert, its candidate list.")

    @Option(help: "The --out folder of a thuis allocate run.")
    var out: String

    @Option(help: "A household id (repeatable).")
    var household: [String] = []

    @Option(help: "An advert id (repeatable).")
    var advert: [String] = []

    @Flag(help: "Write each --household's explanation as a letter to the household: plain words, no codes.")
    var letter = false

    @Option(help: "The letter's language: nl or en.")
    var lang: LetterLanguage = .nl

    @Option(help: "The run's export where it is now, if it moved (repeat for each, in the run's order; checked by SHA-256).")
    var export: [String] = []

    @Option(help: "The run's policy file where it is now, if it moved (checked by SHA-256).")
    var policy: String?

    func validate() throws {
        if household.isEmpty && advert.isEmpty { throw ValidationError("give --household ID or --advert ID") }
        if letter && household.isEmpty { throw ValidationError("--letter writes to households: give --household ID") }
        if lang != .nl && !letter { throw ValidationError("--lang applies to --letter") }
    }

    func run() throws {
        var command = ExplainCommand(outPath: out)
        command.households = household
        command.adverts = advert
        command.exports = export
        command.policyPath = policy
        command.letter = letter
        command.language = lang
        try command.runAndReport()
    }
}

extension LetterLanguage: ExpressibleByArgument {}

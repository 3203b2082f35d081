import ArgumentParser
import ThuisCommands

struct Publication: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How each let advert of a night was let, without household ids: publication.csv on stdout, or a page with --html.",
        discussion: "From an output folder (--out, which must still hold the run's result) or from the ledger (--ledger and --batch).")

    @Option(help: "The --out folder of a thuis allocate run.")
    var out: String?

    @Option(help: "The ledger (SQLite) the batch was recorded in.")
    var ledger: String?

    @Option(help: "The batch id, with --ledger.")
    var batch: String?

    @Option(help: "Write a self-contained HTML page to this file instead of the CSV to stdout.")
    var html: String?

    func validate() throws {
        switch (out, ledger, batch) {
        case (.some, nil, nil), (nil, .some, .some): break
        default: throw ValidationError("give --out OUT, or --ledger PATH with --batch ID")
        }
    }

    func run() throws {
        var command = PublicationCommand(source: out.map { .folder($0) } ?? .ledger(path: ledger!, batch: batch!))
        command.htmlPath = html
        try command.runAndReport()
    }
}

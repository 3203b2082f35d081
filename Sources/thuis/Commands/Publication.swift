import ArgumentParser
import ThuisCommands

struct Publication: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How each dwelling was let, without household ids: CSV on stdout, or a page (Dutch, or English with --lang en) with --html.",
        discussion: "From an output folder (--out, which must still hold the run's result): the night's offers, each 'offered' until answered. From the ledger (--ledger with --batch or --period): the accepted lettings only, each dwelling once, never a refused, withdrawn or open offer.")

    @Option(help: "The --out folder of a thuis allocate run.")
    var out: String?

    @Option(help: "The ledger (SQLite) the batches were recorded in.")
    var ledger: String?

    @Option(help: "The batch id, with --ledger.")
    var batch: String?

    @Option(help: "A year or half-year (2026, 2026-H1, 2026-H2), with --ledger: the lettings of every batch of the period.")
    var period: String?

    @Option(help: "Write a self-contained HTML page to this file instead of the CSV to stdout.")
    var html: String?

    @Option(help: "The page's language: nl (default) or en.")
    var lang = "nl"

    @Option(help: "A stock file (as thuis monitor reads) whose naam column names the municipalities on the page.")
    var stock: String?

    func validate() throws {
        switch (out, ledger, batch, period) {
        case (.some, nil, nil, nil), (nil, .some, .some, nil), (nil, .some, nil, .some): break
        default: throw ValidationError("give --out OUT, or --ledger PATH with --batch ID or --period P")
        }
        if PublicationLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be nl or en") }
    }

    func run() throws {
        let source: PublicationCommand.Source
        if let out { source = .folder(out) } else if let batch { source = .ledger(path: ledger!, batch: batch) } else { source = .ledgerPeriod(path: ledger!, period: period!) }
        var command = PublicationCommand(source: source)
        command.htmlPath = html
        command.language = PublicationLanguage(rawValue: lang) ?? .nl
        command.stockPath = stock
        try command.runAndReport()
    }
}

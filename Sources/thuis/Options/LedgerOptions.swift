import ArgumentParser

/// The ledger of batches and offers.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger of batches and offers (SQLite).")
    var ledger = "thuis.sqlite"
}

/// Progress lines on stderr for long commands.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress on stderr.")
    var quiet = false
}

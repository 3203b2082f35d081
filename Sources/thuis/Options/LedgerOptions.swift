import ArgumentParser

/// The ledger of batches and offers.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger of batches and offers (SQLite).")
    var ledger = "thuis.sqlite"
}

import ArgumentParser

/// Where a batch comes from: its export files.
struct ExportOptions: ParsableArguments {
    @Option(help: "Export file of the batch (repeat for several files).")
    var export: [String] = []

    func validate() throws {
        if export.isEmpty { throw ValidationError("give at least one --export FILE") }
    }
}

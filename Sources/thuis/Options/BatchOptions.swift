import ArgumentParser

/// Where a batch comes from: its export files, or a VERA batch folder.
struct ExportOptions: ParsableArguments {
    @Option(help: "Export file of the batch (repeat for several files).")
    var export: [String] = []

    @Option(help: "Folder of a VERA batch: batch.json and the JSON pages of the list endpoints (repeat for several).")
    var vera: [String] = []

    /// The files and folders the batch is read from.
    var paths: [String] { export + vera }

    func validate() throws {
        if export.isEmpty && vera.isEmpty { throw ValidationError("give at least one --export FILE or --vera DIR") }
        if !export.isEmpty && !vera.isEmpty { throw ValidationError("a batch comes from --export files or from --vera folders, not both") }
    }
}

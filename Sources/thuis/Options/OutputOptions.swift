import ArgumentParser

/// The folder a command writes its result to, all or nothing.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output folder: created, or replaced when it holds an earlier result of the same command.")
    var out: String

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a folder path") }
    }
}

/// A self-contained HTML page beside the output folder.
struct PageOptions: ParsableArguments {
    @Option(help: "Also write a self-contained HTML report here.")
    var html: String?

    func validate() throws {
        if html == "" { throw ValidationError("--html needs a file path") }
    }
}

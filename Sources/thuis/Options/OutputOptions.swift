import ArgumentParser

/// The folder a command writes its result to, all or nothing.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output folder: created, or replaced when it holds an earlier result of the same command.")
    var out: String

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a folder path") }
    }
}

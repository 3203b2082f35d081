import ArgumentParser

/// The folder a command writes its result to, all or nothing (an empty path is refused by the
/// command, as every usage error is).
struct OutputOptions: ParsableArguments {
    @Option(help: "Output folder: created, or replaced when it holds an earlier Thuis result (a summary.json).")
    var out: String
}

import ArgumentParser

/// A self-contained HTML page beside the output folder.
struct PageOptions: ParsableArguments {
    @Option(help: "Also write a self-contained HTML report here.")
    var html: String?
}

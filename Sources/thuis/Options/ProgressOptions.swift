import ArgumentParser

/// Progress lines on stderr for long commands.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress on stderr (allocate: and one line on stdout instead of the summary).")
    var quiet = false
}

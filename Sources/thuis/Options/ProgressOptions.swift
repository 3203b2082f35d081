import ArgumentParser

/// Progress lines on stderr for long commands.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress on stderr.")
    var quiet = false
}

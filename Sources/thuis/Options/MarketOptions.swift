import ArgumentParser

/// Where a research command's markets come from: an export, or markets generated from a profile.
struct MarketOptions: ParsableArguments {
    @Option(help: "Export file of the batch (repeat for several files); or give --profile.")
    var export: [String] = []

    @Option(help: "Generate the markets from this profile (nightly, region, national) instead of reading an export.")
    var profile: String?

    @Option(help: "With --profile: markets 1...N (the generator's seeds), each under every lottery seed; intervals are then over the markets.")
    var markets = 1

    @Option(help: "With --profile: the generator's scale (1 = the profile's size).")
    var scale = 1.0

    func validate() throws {
        if export.isEmpty == (profile == nil) { throw ValidationError("give --export FILE, or --profile NAME (with --markets N)") }
        if markets < 1 || (markets > 1 && profile == nil) { throw ValidationError("--markets N (at least 1) needs --profile: markets are generated") }
        if !(scale > 0 && scale <= 10) { throw ValidationError("--scale is more than 0 and at most 10") }
    }
}

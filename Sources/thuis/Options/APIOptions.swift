import ArgumentParser

/// A VERA API: where, the token, and how hard to try.
struct APIOptions: ParsableArguments {
    @Option(help: "Base URL of the VERA API, e.g. https://wrv.example.nl/v4.")
    var veraUrl: String

    @Option(help: "File holding the bearer token (one line).")
    var tokenFile: String

    @Option(help: "Attempts per request before giving up.")
    var attempts = 5

    @Option(help: "Seconds to wait before the first retry; the wait doubles each time (at most 30 s).")
    var retryDelay = 1.0

    func validate() throws {
        guard (1...100).contains(attempts) else { throw ValidationError("--attempts is 1 to 100") }
        guard retryDelay >= 0 && retryDelay <= 30 else { throw ValidationError("--retry-delay is 0 to 30 seconds") }
    }
}

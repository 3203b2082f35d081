import ArgumentParser
import ThuisCommands

/// A VERA API: where, the credentials (as the spec's security schemes), and how hard to try.
struct APIOptions: ParsableArguments {
    @Option(help: "Base URL of the VERA API, e.g. https://wrv.example.nl/v4.")
    var veraUrl: String

    @Option(help: "File holding a bearer token (one line).")
    var tokenFile: String?

    @Option(help: "File holding an API key, sent as X-API-KEY (the spec's ApiKeyAuth).")
    var apiKeyFile: String?

    @Option(help: "OAuth2 client credentials (the spec's OAuth2): the client id; the secret from --client-secret-file or THUIS_CLIENT_SECRET.")
    var clientId: String?

    @Option(help: "File holding the OAuth2 client secret (one line).")
    var clientSecretFile: String?

    @Option(help: "The OAuth2 token endpoint (default: /oauth/token at the API's origin, as the spec's tokenUrl).")
    var tokenUrl: String?

    @Option(help: "The OAuth2 scope to ask for (default: none, the server's default).")
    var scope: String?

    @Option(help: "Attempts per request before giving up.")
    var attempts = 5

    @Option(help: "Seconds to wait before the first retry; the wait doubles each time (at most 30 s).")
    var retryDelay = 1.0

    @Option(help: "Requests in flight at once.")
    var concurrency = 8

    func validate() throws {
        guard (1...100).contains(attempts) else { throw ValidationError("--attempts is 1 to 100") }
        guard retryDelay >= 0 && retryDelay <= 30 else { throw ValidationError("--retry-delay is 0 to 30 seconds") }
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency is 1 to 64") }
    }

    /// The credentials the options give; a problem is printed as Thuis prints errors (exit 64, 66, 74).
    func credentials() throws -> VERACredentials {
        do {
            return try VERACredentials.resolve(apiURL: veraUrl, tokenFile: tokenFile, apiKeyFile: apiKeyFile, clientID: clientId,
                                               secretFile: clientSecretFile, tokenURL: tokenUrl, scope: scope)
        } catch {
            let outcome = CommandFailure(error).outcome
            StandardStream.error.write(outcome.stderr)
            throw ExitCode(outcome.exit.rawValue)
        }
    }
}

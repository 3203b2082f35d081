import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ThuisCore

/// How Thuis proves itself to a VERA API, as the spec's security schemes say: OAuth2 client
/// credentials (`OAuth2`, a token from `tokenUrl`) or an API key (`ApiKeyAuth`, `X-API-KEY`);
/// or a bearer token obtained elsewhere.
public enum VERACredentials: Sendable {
    /// `Authorization: Bearer TOKEN`, the token read from a file.
    case bearer(String)
    /// `X-API-KEY: KEY`.
    case apiKey(String)
    /// OAuth2 client credentials (RFC 6749 §4.4): the client authenticates with HTTP Basic at
    /// `tokenURL`; `scope` is sent when given.
    case clientCredentials(tokenURL: URL, clientID: String, secret: String, scope: String?)

    /// Reads one secret from a file: its text without surrounding whitespace, on one line.
    public static func secret(fromFile path: String, what: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(.fileNotFound, "the \(what) file \(path) does not exist")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65536,
              let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.readFailed, "cannot read the \(what) file \(path) (UTF-8 text of at most 64 KiB)")
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty, !secret.contains(where: { $0.isNewline || $0 == " " }) else {
            throw CommandFailure(.usage, "the \(what) file \(path) must hold one value on one line")
        }
        return secret
    }
}

/// The access token of an OAuth2 client: fetched when first needed, again shortly before it
/// expires, and once more when the API refuses it (a token revoked early).
final class AccessToken: @unchecked Sendable {
    private let lock = NSLock()
    private var token: String?
    private var expires = Date.distantPast
    private let tokenURL: URL, clientID: String, secret: String, scope: String?

    init(tokenURL: URL, clientID: String, secret: String, scope: String?) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.secret = secret
        self.scope = scope
    }

    /// The current token, fetched with `transport` when there is none or it expires within a
    /// minute; `renew` drops the current one first (after a 401).
    func current(_ transport: Transport, deadline: Date, renew: Bool = false) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if renew { token = nil }
        if let token, expires.timeIntervalSinceNow > 60 { return token }
        var request = URLRequest(url: tokenURL, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 60)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let basic = Data("\(AccessToken.formEncoded(clientID)):\(AccessToken.formEncoded(secret))".utf8).base64EncodedString()
        request.setValue("Basic \(basic)", forHTTPHeaderField: "Authorization")
        var body = "grant_type=client_credentials"
        if let scope { body += "&scope=" + AccessToken.formEncoded(scope) }
        request.httpBody = Data(body.utf8)
        let outcome = transport.fetch(request, deadline: deadline, origin: VERAClient.origin(of: tokenURL))
        if let problem = outcome.problem {
            throw CommandFailure(.serviceUnavailable, "POST \(tokenURL) (the OAuth2 token): \(problem)")
        }
        guard let http = outcome.response as? HTTPURLResponse else {
            throw CommandFailure(.serviceUnavailable, "POST \(tokenURL) (the OAuth2 token): no answer")
        }
        guard (200..<300).contains(http.statusCode) else {
            let code: DiagnosticCode = http.statusCode == 400 || http.statusCode == 401 ? .unauthorized : .serviceUnavailable
            throw CommandFailure(code, "POST \(tokenURL) (the OAuth2 token): answered \(http.statusCode)\(VERAClient.detail(outcome.data)); check the client id and secret")
        }
        guard let object = try? JSONSerialization.jsonObject(with: outcome.data) as? [String: Any],
              let access = object["access_token"] as? String, !access.isEmpty,
              access.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) else {
            throw CommandFailure(.badResponse, "POST \(tokenURL) (the OAuth2 token): the answer holds no access_token")
        }
        if let type = object["token_type"] as? String, type.lowercased() != "bearer" {
            throw CommandFailure(.badResponse, "POST \(tokenURL) (the OAuth2 token): token_type \(type), where Thuis sends bearer tokens")
        }
        let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? 3600
        token = access
        expires = Date().addingTimeInterval(max(0, lifetime))
        return access
    }

    /// `application/x-www-form-urlencoded` (also how RFC 6749 encodes Basic's id and secret).
    static func formEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension VERACredentials {
    /// The credentials the options name: exactly one of a token file, an API key file, or a
    /// client id with its secret (from `secretFile`, else `THUIS_CLIENT_SECRET` in `environment`).
    /// The token URL defaults to the spec's `/oauth/token` at the API's origin.
    public static func resolve(apiURL: String, tokenFile: String?, apiKeyFile: String?, clientID: String?, secretFile: String?,
                               tokenURL: String?, scope: String?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> VERACredentials {
        let given = [tokenFile != nil, apiKeyFile != nil, clientID != nil].filter { $0 }.count
        guard given == 1 else {
            throw CommandFailure(.usage, given == 0
                ? "give the API's credentials: --token-file (a bearer token), --api-key-file (X-API-KEY) or --client-id with --client-secret-file (OAuth2 client credentials)"
                : "give one kind of credentials: --token-file, --api-key-file or --client-id")
        }
        if let tokenFile { return .bearer(try secret(fromFile: tokenFile, what: "token")) }
        if let apiKeyFile { return .apiKey(try secret(fromFile: apiKeyFile, what: "API key")) }
        let secret: String
        if let secretFile {
            secret = try self.secret(fromFile: secretFile, what: "client secret")
        } else if let fromEnvironment = environment["THUIS_CLIENT_SECRET"], !fromEnvironment.isEmpty {
            secret = fromEnvironment
        } else {
            throw CommandFailure(.usage, "--client-id needs its secret: --client-secret-file FILE, or THUIS_CLIENT_SECRET in the environment")
        }
        guard let base = URL(string: apiURL), base.scheme != nil, base.host != nil else {
            throw CommandFailure(.usage, "--vera-url must be an http or https URL, e.g. https://wrv.example.nl/v4 (got '\(apiURL)')")
        }
        let token: URL?
        if let tokenURL {
            token = URL(string: tokenURL, relativeTo: base)?.absoluteURL
        } else {
            token = URL(string: "/oauth/token", relativeTo: base)?.absoluteURL
        }
        guard let token, let scheme = token.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw CommandFailure(.usage, "--token-url must be an http or https URL (got '\(tokenURL ?? "")')")
        }
        return .clientCredentials(tokenURL: token, clientID: clientID!, secret: secret, scope: scope)
    }
}

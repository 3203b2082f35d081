import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ThuisCore

/// Talks to a VERA API (WRV): its credentials, retries with backoff on 429 and 5xx answers and
/// on failed connections, and the guards that keep a hostile server from turning the client
/// against its user:
/// - credentials go only to the API's origin (scheme, host, port): a redirect elsewhere is not
///   followed, nor is a 301/302/303 answer to a POST (which would become a GET); both are a
///   `BAD_RESPONSE` naming where it pointed;
/// - every request ends by the command's deadline, and an answer slower than
///   ``minimumBytesPerSecond`` after its first ``rateGrace`` seconds is cut off, not tried again;
/// - an answer larger than ``Transport/maximumBodyBytes`` is cut off as it arrives.
///
/// Each call waits for its answer; several threads may call at once (publish does).
struct VERAClient: Sendable {
    let base: URL
    let credentials: VERACredentials
    /// Attempts per request before giving up (exit 69).
    var attempts = 5
    /// The first wait between attempts; it doubles each time, capped at 30 s (a Retry-After
    /// answer header sets it, up to the same cap).
    var retryDelay: Double = 1
    /// When every request must have ended: the command's `--timeout`.
    var deadline = Date.distantFuture
    /// Called before each wait, to say why a request is tried again.
    var onRetry: @Sendable (String) -> Void = { _ in }
    let transport = Transport()
    private let accessToken: AccessToken?

    /// The slowest answer accepted once ``rateGrace`` seconds have passed: a body dripped a byte
    /// at a time would otherwise hold the run for ever.
    static let minimumBytesPerSecond = 1024.0
    static let rateGrace = 30.0

    init(base: URL, credentials: VERACredentials) {
        self.base = base
        self.credentials = credentials
        if case let .clientCredentials(tokenURL, clientID, secret, scope) = credentials {
            accessToken = AccessToken(tokenURL: tokenURL, clientID: clientID, secret: secret, scope: scope)
        } else {
            accessToken = nil
        }
    }

    /// An answer with the status 2xx.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data

        /// A header by its name, any case.
        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// An answer that is not 2xx, for callers that decide what it means (publish's 409).
    struct Refusal: Error {
        var status: Int
        var headers: [String: String]
        var body: Data
        var failure: CommandFailure
    }

    /// GET `path` with `query` and `headers`.
    func get(_ path: String, query: [URLQueryItem] = [], headers: [String: String] = [:]) throws -> Answer {
        try send("GET", path, query: query, headers: headers, body: nil)
    }

    /// GET the resource at `segments` below the base URL, each segment percent-encoded
    /// (`/relaties/H%2F1` for the id `H/1`).
    func get(segments: [String], headers: [String: String] = [:]) throws -> Answer {
        try send("GET", segments.map(VERAClient.pathSegment).joined(separator: "/"), query: [], headers: headers, body: nil, encoded: true)
    }

    /// A path segment with every byte but the unreserved ones percent-encoded.
    static func pathSegment(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// POST `body` (JSON) to `path`.
    func post(_ path: String, body: Data, headers: [String: String] = [:]) throws -> Answer {
        try send("POST", path, query: [], headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: body)
    }

    /// The origin of a URL: scheme, host and port (the default port made explicit).
    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    private func url(_ path: String, _ query: [URLQueryItem], encoded: Bool) throws -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)
        let basePath = components?.percentEncodedPath ?? ""
        let tail = encoded ? path : path.split(separator: "/").map { VERAClient.pathSegment(String($0)) }.joined(separator: "/")
        components?.percentEncodedPath = (basePath.hasSuffix("/") ? basePath : basePath + "/") + tail
        if !query.isEmpty {
            let existing = components?.queryItems ?? []
            components?.queryItems = existing + query
        }
        guard let url = components?.url else { throw CommandFailure(.usage, "--vera-url \(base) and \(path) do not make a URL") }
        return url
    }

    private func send(_ method: String, _ path: String, query: [URLQueryItem], headers: [String: String], body: Data?,
                      encoded: Bool = false) throws -> Answer {
        let url = try url(path, query, encoded: encoded)
        var delay = retryDelay
        var lastProblem = ""
        var renewed = false
        var attempt = 1
        while true {
            var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 60)
            request.httpMethod = method
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            switch credentials {
            case .bearer(let token): request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            case .apiKey(let key): request.setValue(key, forHTTPHeaderField: "X-API-KEY")
            case .clientCredentials:
                let token = try accessToken!.current(transport, deadline: deadline)
                request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            }
            request.httpBody = body
            let (outcome, wait) = once(request)
            switch outcome {
            case .success(let answer):
                return answer
            case .failure(let failure):
                // An OAuth2 token the API refuses is fetched again, once: it may have been revoked.
                if failure.status == 401, accessToken != nil, !renewed {
                    renewed = true
                    _ = try accessToken!.current(transport, deadline: deadline, renew: true)
                    continue
                }
                guard failure.retry, attempt < attempts, Date() < deadline else {
                    let message = failure.retry ? "\(failure.message), \(attempt) time\(attempt == 1 ? "" : "s"); giving up" : failure.message
                    let error = CommandFailure(failure.retry ? .serviceUnavailable : failure.code, "\(method) \(url): \(message)")
                    if let status = failure.status { throw Refusal(status: status, headers: failure.headers, body: failure.body, failure: error) }
                    throw error
                }
                lastProblem = failure.message
            }
            let seconds = min(30, wait ?? delay, max(0, deadline.timeIntervalSinceNow))
            onRetry("\(method) \(url): \(lastProblem); trying again in \(String(format: "%.1f", seconds)) s (attempt \(attempt + 1) of \(attempts))")
            Thread.sleep(forTimeInterval: seconds)
            delay = min(30, delay * 2)
            attempt += 1
        }
    }

    private struct Failure: Error {
        var code: DiagnosticCode
        var message: String
        var retry: Bool
        var status: Int?
        var headers: [String: String] = [:]
        var body = Data()
    }

    /// One attempt: the answer, or why it failed and whether to try again (and after how long,
    /// when the server said so).
    private func once(_ request: URLRequest) -> (Result<Answer, Failure>, Double?) {
        let outcome = transport.fetch(request, deadline: deadline, origin: VERAClient.origin(of: base))
        if let problem = outcome.problem {
            return (.failure(Failure(code: problem.isBadAnswer ? .badResponse : .serviceUnavailable, message: problem.description,
                                     retry: problem.retry)), nil)
        }
        guard let http = outcome.response as? HTTPURLResponse else {
            return (.failure(Failure(code: .badResponse, message: "an answer that is not HTTP", retry: false)), nil)
        }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers["\(k)"] = "\(v)" }
        let status = http.statusCode, body = outcome.data
        func failure(_ code: DiagnosticCode, _ message: String, retry: Bool) -> Failure {
            Failure(code: code, message: message, retry: retry, status: status, headers: headers, body: body)
        }
        switch status {
        case 200..<300:
            return (.success(Answer(status: status, headers: headers, body: body)), nil)
        case 300..<400:
            let location = headers.first { $0.key.caseInsensitiveCompare("Location") == .orderedSame }?.value ?? "nowhere"
            let why = outcome.redirectRefused ?? "a redirect Thuis does not follow"
            return (.failure(failure(.badResponse, "answered \(status) to \(location.prefix(200)): \(why); nothing was sent there", retry: false)), nil)
        case 401, 403:
            return (.failure(failure(.unauthorized, "the API refused the credentials (\(status)\(VERAClient.detail(body)))", retry: false)), nil)
        case 429, 500..<600:
            let retryAfter = headers.first { $0.key.caseInsensitiveCompare("Retry-After") == .orderedSame }.flatMap { VERAClient.seconds(retryAfter: $0.value) }
            return (.failure(failure(.serviceUnavailable, "answered \(status)\(VERAClient.detail(body))", retry: true)), retryAfter)
        default:
            return (.failure(failure(.badResponse, "answered \(status)\(VERAClient.detail(body))", retry: false)), nil)
        }
    }

    /// A Retry-After header's wait: delay-seconds, or an HTTP-date (RFC 9110 §10.2.3).
    static func seconds(retryAfter value: String) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds >= 0, seconds.isFinite { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// A VERA Foutbericht's `code` and `omschrijving`, when the body is one.
    static func detail(_ body: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body.prefix(65536)) as? [String: Any] else { return "" }
        let parts = [object["code"], object["omschrijving"]].compactMap { $0.map { "\($0)".prefix(200) } }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: " ")
    }
}

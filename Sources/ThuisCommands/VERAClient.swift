import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ThuisCore

/// Talks to a VERA API (WRV): bearer token, VERA's paging headers, and retries with backoff on
/// 429 and 5xx answers and on failed connections. Each call waits for its answer (the commands
/// run one request at a time, in order, so what they write does not depend on timing).
struct VERAClient {
    let base: URL
    let token: String
    /// Attempts per request before giving up (exit 69).
    var attempts = 5
    /// The first wait between attempts; it doubles each time, capped at 30 s (a Retry-After
    /// answer header sets it, up to the same cap).
    var retryDelay: Double = 1
    var timeout: Double = 60
    /// Called before each wait, to say why a request is tried again.
    var onRetry: (String) -> Void = { _ in }
    let transport = Transport()

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

    /// GET `path` with `query` and `headers`.
    func get(_ path: String, query: [URLQueryItem] = [], headers: [String: String] = [:]) throws -> Answer {
        try send("GET", path, query: query, headers: headers, body: nil)
    }

    /// POST `body` (JSON) to `path`.
    func post(_ path: String, body: Data, headers: [String: String] = [:]) throws -> Answer {
        try send("POST", path, query: [], headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: body)
    }

    private func url(_ path: String, _ query: [URLQueryItem]) throws -> URL {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty {
            let existing = components?.queryItems ?? []
            components?.queryItems = existing + query
        }
        guard let url = components?.url else { throw CommandFailure(.usage, "--vera-url \(base) and \(path) do not make a URL") }
        return url
    }

    private func send(_ method: String, _ path: String, query: [URLQueryItem], headers: [String: String], body: Data?) throws -> Answer {
        let url = try url(path, query)
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        var delay = retryDelay
        var lastProblem = ""
        for attempt in 1...max(1, attempts) {
            let (outcome, wait) = once(request)
            switch outcome {
            case .success(let answer):
                return answer
            case .failure(let failure):
                guard failure.retry, attempt < attempts else {
                    if failure.retry {
                        throw CommandFailure(.serviceUnavailable, "\(method) \(url): \(failure.message), \(attempts) times; giving up")
                    }
                    throw CommandFailure(failure.code, "\(method) \(url): \(failure.message)")
                }
                lastProblem = failure.message
            }
            let seconds = min(30, wait ?? delay)
            onRetry("\(method) \(url): \(lastProblem); trying again in \(String(format: "%.1f", seconds)) s (attempt \(attempt + 1) of \(attempts))")
            Thread.sleep(forTimeInterval: seconds)
            delay = min(30, delay * 2)
        }
        throw CommandFailure(.serviceUnavailable, "\(method) \(url): \(lastProblem)")
    }

    private struct Failure: Error {
        var code: DiagnosticCode
        var message: String
        var retry: Bool
    }

    /// One attempt: the answer, or why it failed and whether to try again (and after how long,
    /// when the server said so).
    private func once(_ request: URLRequest) -> (Result<Answer, Failure>, Double?) {
        let (data, response, error, tooLarge) = transport.fetch(request)
        if tooLarge {
            return (.failure(Failure(code: .badResponse, message: "an answer of more than \(Transport.maximumBodyBytes >> 20) MiB; a page of 100 VERA objects is far smaller", retry: false)), nil)
        }
        if let error {
            return (.failure(Failure(code: .serviceUnavailable, message: "no answer (\(error.localizedDescription))", retry: true)), nil)
        }
        guard let http = response as? HTTPURLResponse else {
            return (.failure(Failure(code: .badResponse, message: "an answer that is not HTTP", retry: false)), nil)
        }
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers["\(k)"] = "\(v)" }
        let status = http.statusCode
        let body = data
        switch status {
        case 200..<300:
            return (.success(Answer(status: status, headers: headers, body: body)), nil)
        case 401, 403:
            return (.failure(Failure(code: .unauthorized, message: "the API refused the token (\(status)\(VERAClient.detail(body))); check --token-file", retry: false)), nil)
        case 429, 500..<600:
            let retryAfter = headers.first { $0.key.caseInsensitiveCompare("Retry-After") == .orderedSame }.flatMap { Double($0.value) }
            return (.failure(Failure(code: .serviceUnavailable, message: "answered \(status)\(VERAClient.detail(body))", retry: true)), retryAfter)
        default:
            return (.failure(Failure(code: .badResponse, message: "answered \(status)\(VERAClient.detail(body))", retry: false)), nil)
        }
    }

    /// A VERA Foutbericht's `code` and `omschrijving`, when the body is one.
    static func detail(_ body: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body.prefix(65536)) as? [String: Any] else { return "" }
        let parts = [object["code"], object["omschrijving"]].compactMap { $0.map { "\($0)" } }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: " ")
    }

    /// Reads the token: the file's text without surrounding whitespace.
    static func token(fromFile path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(.fileNotFound, "the token file \(path) does not exist")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65536,
              let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(.readFailed, "cannot read the token file \(path) (UTF-8 text of at most 64 KiB)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: { $0.isNewline || $0 == " " }) else {
            throw CommandFailure(.usage, "the token file \(path) must hold one token on one line")
        }
        return token
    }
}

/// One request at a time over URLSession, its body collected up to a bound: an answer larger
/// than any page is cut off instead of filling memory.
///
/// Threading: the answer's state is read and written only with `lock` held (by URLSession's
/// delegate queue while a request runs, by the caller before and after it); `session` is made
/// once, on the caller's thread, before any request.
final class Transport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// The most bytes an answer may have (a page is at most 100 items).
    static let maximumBodyBytes = 64 << 20

    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    private var response: URLResponse?
    private var error: Error?
    private var tooLarge = false
    // The session keeps its delegate until invalidated: one transport per command, for its life.
    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

    /// Sends `request` and waits for the whole answer.
    func fetch(_ request: URLRequest) -> (Data, URLResponse?, Error?, Bool) {
        lock.lock()
        data = Data()
        response = nil
        error = nil
        tooLarge = false
        lock.unlock()
        session.dataTask(with: request).resume()
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return (data, response, error, tooLarge)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.lock()
        self.response = response
        lock.unlock()
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.lock()
        if self.data.count + data.count > Transport.maximumBodyBytes {
            tooLarge = true
            lock.unlock()
            dataTask.cancel()
            return
        }
        self.data.append(data)
        lock.unlock()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.lock()
        self.error = error
        lock.unlock()
        done.signal()
    }
}

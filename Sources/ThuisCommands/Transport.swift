import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests over one URLSession, each answer collected up to a bound and watched while it comes:
/// cut off at the caller's deadline, when it is larger than any page, or when it arrives slower
/// than ``VERAClient/minimumBytesPerSecond``. Redirects are followed only within the request's
/// origin, and never from a POST by a 301, 302 or 303 (which would resend it as a GET).
///
/// Threading: each request's state (an ``Exchange``) is touched by URLSession's delegate queue
/// and by the waiting caller, always under the exchange's lock; the table of exchanges has its
/// own lock. Any number of callers may wait at once.
final class Transport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// The most bytes an answer may have (a page is at most 100 items).
    static let maximumBodyBytes = 64 << 20

    /// Why an exchange gave no answer.
    struct Problem: CustomStringConvertible {
        var description: String
        /// Whether trying again may help.
        var retry: Bool
        /// Whether the server's answer itself is at fault (`BAD_RESPONSE`) rather than the way to it.
        var isBadAnswer: Bool
    }

    /// What an exchange gave.
    struct Outcome {
        var data = Data()
        var response: URLResponse?
        var problem: Problem?
        /// Why a redirect was not followed, when one was not.
        var redirectRefused: String?
    }

    private final class Exchange: @unchecked Sendable {
        let lock = NSLock()
        let done = DispatchSemaphore(value: 0)
        let origin: String
        let method: String
        var outcome = Outcome()
        var received = 0
        init(origin: String, method: String) {
            self.origin = origin
            self.method = method
        }
    }

    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]
    // The session keeps its delegate until invalidated: one transport per client, for its life.
    private lazy var session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        return URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }()

    /// Sends `request` and waits for the whole answer, or until `deadline`; credentials in the
    /// request stay within `origin`.
    func fetch(_ request: URLRequest, deadline: Date, origin: String) -> Outcome {
        guard deadline.timeIntervalSinceNow > 0 else {
            return Outcome(problem: Problem(description: "the deadline (--timeout) passed before the request", retry: false, isBadAnswer: false))
        }
        let exchange = Exchange(origin: origin, method: request.httpMethod ?? "GET")
        lock.lock()
        let task = session.dataTask(with: request)
        exchanges[task.taskIdentifier] = exchange
        lock.unlock()
        let started = Date()
        task.resume()
        while exchange.done.wait(timeout: .now() + 0.5) == .timedOut {
            let elapsed = Date().timeIntervalSince(started)
            exchange.lock.lock()
            let received = exchange.received
            var problem: Problem?
            if Date() >= deadline {
                problem = Problem(description: "no whole answer by the deadline (--timeout; \(received) bytes after \(Int(elapsed)) s)", retry: false, isBadAnswer: false)
            } else if elapsed > VERAClient.rateGrace && Double(received) / elapsed < VERAClient.minimumBytesPerSecond {
                // Not tried again: a server this slow (or one that answers 101 and stalls) would
                // hold every attempt as long.
                problem = Problem(description: "an answer slower than \(Int(VERAClient.minimumBytesPerSecond)) bytes a second (\(received) bytes in \(Int(elapsed)) s)", retry: false, isBadAnswer: false)
            }
            if let problem, exchange.outcome.problem == nil { exchange.outcome.problem = problem }
            exchange.lock.unlock()
            if problem != nil {
                task.cancel()
                exchange.done.wait()
                break
            }
        }
        lock.lock()
        exchanges[task.taskIdentifier] = nil
        lock.unlock()
        exchange.lock.lock()
        defer { exchange.lock.unlock() }
        return exchange.outcome
    }

    private func exchange(_ task: URLSessionTask) -> Exchange? {
        lock.lock()
        defer { lock.unlock() }
        return exchanges[task.taskIdentifier]
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let exchange = exchange(task) else { return completionHandler(nil) }
        var refused: String?
        if let target = request.url, VERAClient.origin(of: target) != exchange.origin {
            refused = "a redirect to another origin than the API's, which Thuis does not follow (the credentials stay with \(exchange.origin))"
        } else if exchange.method == "POST" && [301, 302, 303].contains(response.statusCode) {
            refused = "a \(response.statusCode) would resend the POST as a GET, so Thuis does not follow it"
        }
        if let refused {
            exchange.lock.lock()
            exchange.outcome.redirectRefused = refused
            exchange.lock.unlock()
            completionHandler(nil)
        } else {
            completionHandler(request)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let exchange = exchange(dataTask) {
            exchange.lock.lock()
            exchange.outcome.response = response
            exchange.lock.unlock()
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask) else { return }
        exchange.lock.lock()
        exchange.received += data.count
        if exchange.outcome.data.count + data.count > Transport.maximumBodyBytes {
            if exchange.outcome.problem == nil {
                exchange.outcome.problem = Problem(description: "an answer of more than \(Transport.maximumBodyBytes >> 20) MiB; a page of 100 VERA objects is far smaller", retry: false, isBadAnswer: true)
            }
            exchange.lock.unlock()
            dataTask.cancel()
            return
        }
        exchange.outcome.data.append(data)
        exchange.lock.unlock()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let exchange = exchange(task) else { return }
        exchange.lock.lock()
        if let error, exchange.outcome.problem == nil {
            exchange.outcome.problem = Problem(description: "no answer (\(error.localizedDescription))", retry: true, isBadAnswer: false)
        }
        exchange.lock.unlock()
        exchange.done.signal()
    }
}

import Foundation
import ThuisCore
import ThuisVERA

/// `thuis publish DIR --vera-url URL (credentials)`: posts the results of `allocate --vera-out
/// DIR` to a VERA API so that each item is stored exactly once, however often the publish is
/// run and wherever it stopped.
///
/// After checking the folder against its manifest, each item of the chosen resources is posted
/// (`POST /aanbiedingen`, `/toewijzingen`, and `/kandidaten` on request), `--concurrency` at a
/// time, recorded in a ``PublishJournal``:
/// - an item the journal records as stored is not posted again;
/// - an item sent without a clear answer (no answer, a timeout, a 5xx after sending, a run
///   killed) is looked up by its `idExtern` (`GET /RESOURCE?idExtern=KEY`) before it is posted
///   again; so is an item the API answers 409 (it already has it);
/// - a 429 waits for `Retry-After` (seconds or an HTTP-date) and tries again.
/// Each item carries `X-Stuurgegevens-Referentienummer` (made from the manifest, the resource
/// and its place) and its `idExtern`; the API's id (from `Location` or the answer's `id`) is kept
/// in the journal for a later PUT.
public struct PublishCommand: ThuisCommand {
    public var url: String
    public var credentials: VERACredentials
    public var folder: String
    /// The journal's path; `DIR.publish-journal` when nil.
    public var journalPath: String?
    public var resources = PublishCommand.defaultResources
    public var concurrency = 8
    public var attempts = 5
    public var retryDelay: Double = 1
    /// Seconds for the whole publish (`--timeout`).
    public var timeout: Double = 24 * 3600
    public var quiet = true

    /// The resources that can be posted, in the order they are: the lists, the offers, the lettings.
    public static let allResources = ["kandidaten", "aanbiedingen", "toewijzingen"]
    /// What goes out unless `--resources` says otherwise: the candidate lists are most of the
    /// volume and most receivers do not want them.
    public static let defaultResources = ["aanbiedingen", "toewijzingen"]

    public init(url: String, credentials: VERACredentials, folder: String) {
        self.url = url
        self.credentials = credentials
        self.folder = folder
    }

    /// One item to post.
    struct Item: Sendable {
        var resource: String
        var n: Int
        var body: [UInt8]
        var key: String
    }

    public func execute() throws -> CommandOutcome {
        let location = URL(fileURLWithPath: folder)
        let digest: String
        switch OutputFolder.inspect(location, requiringMark: false) {
        case .result(let manifest): digest = manifest
        case .missing: throw CommandFailure(.fileNotFound, "\(folder) does not exist; give the folder `thuis allocate --vera-out` wrote")
        case .empty: throw CommandFailure(.notAResult, "\(folder) is empty; give the folder `thuis allocate --vera-out` wrote")
        case .foreign(let names):
            throw CommandFailure(.manifestMismatch, "\(folder) is not as Thuis wrote it (its manifest.sha256 does not match: \(names.prefix(5).joined(separator: ", "))); nothing was posted")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var items: [Item] = []
        var found = false
        for resource in PublishCommand.allResources {
            var n = 0
            for name in names.filter({ $0.hasPrefix(resource + "-") && $0.hasSuffix(".json") }).sorted() {
                found = true
                let bytes = try [UInt8](Data(contentsOf: location.appendingPathComponent(name)))
                let page: [ArraySlice<UInt8>]
                do { page = try VERAPages.items(ofPage: bytes) } catch { throw CommandFailure(.malformedJSON, "\(folder)/\(name): \(error)") }
                for body in page {
                    n += 1
                    guard resources.contains(resource) else { continue }
                    guard let key = ItemReferences.of(body)?.externalID, !key.isEmpty else {
                        throw CommandFailure(.notAResult, "\(folder)/\(name): item \(n) has no idExtern, so a publish run again could not find it at the API; this folder was written by an earlier Thuis: allocate again")
                    }
                    items.append(Item(resource: resource, n: n, body: Array(body), key: key))
                }
            }
        }
        guard found else {
            throw CommandFailure(.notAResult, "\(folder) holds no VERA results (\(PublishCommand.allResources.map { "\($0)-*.json" }.joined(separator: ", "))); give the folder `thuis allocate --vera-out` wrote")
        }
        // Everything is read and checked before the first request.
        var client = try VERAClient.make(url: url, credentials: credentials, attempts: attempts, retryDelay: retryDelay, quiet: quiet)
        client.deadline = Date().addingTimeInterval(timeout)
        let journalPath = self.journalPath ?? (location.standardizedFileURL.path + ".publish-journal")
        let journal = try PublishJournal(path: journalPath, origin: VERAClient.origin(of: client.base), manifest: digest)
        let index = RemoteIndex(pageSize: VERAPages.maximumItems)
        var posted: [String: Int] = [:], already: [String: Int] = [:]
        var start = 0
        do {
            while start < items.count {
                let chunk = Array(items[start..<min(items.count, start + 100)])
                let open = chunk.filter { !journal.state($0.resource, $0.n).isStored }
                for item in chunk where journal.state(item.resource, item.n).isStored {
                    already[item.resource, default: 0] += 1
                }
                let unclear = Set(open.filter { journal.state($0.resource, $0.n) == .sent }.map { "\($0.resource) \($0.n)" })
                try journal.sending(open.filter { !unclear.contains("\($0.resource) \($0.n)") }.map { ($0.resource, $0.n) })
                let reference = "thuis-\(digest.prefix(16))"
                let results = try Parallel.map(open, width: concurrency) { [client, retryDelay, attempts] item in
                    try PublishCommand.deliver(item, client, index, reference: reference, lookFirst: unclear.contains("\(item.resource) \(item.n)"),
                                               attempts: attempts, retryDelay: retryDelay)
                }
                try journal.stored(zip(open, results).map { ($0.resource, $0.n, $1) })
                for item in open { posted[item.resource, default: 0] += 1 }
                start += chunk.count
            }
        } catch {
            let failure = CommandFailure(error)
            let done = resources.map { resource in
                "\(posted[resource, default: 0] + already[resource, default: 0]) of \(items.filter { $0.resource == resource }.count) \(resource)"
            }
            throw CommandFailure(failure.diagnostics + [.error(failure.diagnostics.first?.code ?? .serviceUnavailable,
                "recorded as stored so far: \(done.joined(separator: ", ")), in \(journalPath); run the same publish again to send the rest (nothing stored is sent twice)", at: nil)])
        }
        let counts = resources.map { "\(posted[$0, default: 0]) \($0)" + (already[$0].map { " (and \($0) stored earlier)" } ?? "") }
        return CommandOutcome(exit: .ok, stdout: "Published \(counts.joined(separator: ", ")) from \(folder) to \(url); journal \(journalPath)\n")
    }

    /// Stores one item at the API and returns the API's id for it (nil when it gave none): looks
    /// it up first when an earlier attempt may have stored it, posts it, and after an unclear
    /// answer or a 409 looks it up again before another post.
    static func deliver(_ item: Item, _ client: VERAClient, _ index: RemoteIndex, reference: String, lookFirst: Bool,
                        attempts: Int, retryDelay: Double) throws -> String? {
        if lookFirst, let id = try lookUp(item, client, index, fresh: false) { return id ?? nil }
        var single = client
        single.attempts = 1
        var delay = retryDelay
        for attempt in 1...max(1, attempts) {
            do {
                let answer = try single.post(item.resource, body: Data(item.body),
                                             headers: ["X-Stuurgegevens-Referentienummer": "\(reference)-\(item.resource)-\(item.n)"])
                return serverID(answer)
            } catch let refusal as VERAClient.Refusal {
                switch refusal.status {
                case 409:
                    guard let id = try lookUp(item, client, index, fresh: true) else {
                        throw CommandFailure(.badResponse, "POST \(item.resource) (idExtern \(item.key)): answered 409, yet GET \(item.resource)?idExtern= does not find it")
                    }
                    return id
                case 429:
                    let wait = refusal.headers.first { $0.key.caseInsensitiveCompare("Retry-After") == .orderedSame }.flatMap { VERAClient.seconds(retryAfter: $0.value) } ?? delay
                    guard attempt < attempts, Date().addingTimeInterval(wait) < client.deadline else { throw refusal.failure }
                    Thread.sleep(forTimeInterval: min(wait, 60))
                    continue
                case 500..<600:
                    if let id = try lookUp(item, client, index, fresh: true) { return id }
                    guard attempt < attempts else { throw refusal.failure }
                default:
                    throw refusal.failure
                }
            } catch let failure as CommandFailure where failure.diagnostics.first?.code == .serviceUnavailable {
                // No answer: the item may have arrived.
                if let id = try lookUp(item, client, index, fresh: true) { return id }
                guard attempt < attempts else { throw failure }
            }
            Thread.sleep(forTimeInterval: min(30, delay, max(0, client.deadline.timeIntervalSinceNow)))
            delay = min(30, delay * 2)
        }
        throw CommandFailure(.serviceUnavailable, "POST \(item.resource) (idExtern \(item.key)): \(attempts) attempts without a clear answer")
    }

    /// The item at the API, found by its `idExtern`: `.some(id)` when found (the id may be nil),
    /// nil when not. `GET /RESOURCE?idExtern=KEY` first; only items whose `idExtern` is the key
    /// count. A server that ignores the filter answers with others: then the whole list is read
    /// (``RemoteIndex``), as a spec-only server is not obliged to filter.
    static func lookUp(_ item: Item, _ client: VERAClient, _ index: RemoteIndex, fresh: Bool) throws -> String?? {
        let answer = try client.get(item.resource, query: [URLQueryItem(name: "idExtern", value: item.key)])
        guard let page = try? VERAPages.items(ofPage: [UInt8](answer.body)) else {
            throw CommandFailure(.badResponse, "GET \(item.resource)?idExtern=\(item.key): the body is not a page of VERA objects")
        }
        var filtered = true
        for found in page {
            let refs = ItemReferences.of(found)
            if refs?.externalID == item.key { return .some(refs?.id) }
            filtered = false
        }
        if filtered { return nil }
        return try index.find(item, client, fresh: fresh)
    }

    /// The API's id of a stored item: the last segment of `Location`, else the answer's `id`.
    static func serverID(_ answer: VERAClient.Answer) -> String? {
        if let location = answer.header("Location"), let url = URL(string: location), !url.lastPathComponent.isEmpty, url.lastPathComponent != "/" {
            return url.lastPathComponent
        }
        return ItemReferences.of([UInt8](answer.body)[...])?.id
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ThuisCore
import ThuisVERA

/// `thuis fetch --vera-url URL (--token-file F | --api-key-file F | --client-id ID
/// --client-secret-file F) --out DIR --peildatum D --regio R`: fetches from a VERA API (WRV as
/// published) what one batch needs, and writes it as the folder `--vera DIR` reads, all or nothing.
///
/// In order:
/// 1. `GET /publicaties`, every page: the publications whose window closed by the peildatum and
///    whose status is not settled, withdrawn or unpublished are the batch's (the due ones); the
///    rest are counted and left out, never let;
/// 2. `GET /aanbiedingen`, every page: the offers on due publications;
/// 3. `GET /kandidaten`, every page: the Kandidaten with status REA on due publications (or
///    `GET /reacties`, the domain model's, with `--reactions-endpoint reacties`);
/// 4. `GET /eenheden/{id}` for the dwellings of the due publications, and `GET /relaties/{id}`
///    for the households that reacted, were offered, or are named by a direct allocation (a
///    person named instead first, then the household it is a member of; then the members a
///    household gives only by key): by id, `--concurrency` at a time, not the whole register.
///
/// Paging is ``PageWalk``'s. Pages are staged on disk as they come (memory holds a page), and
/// the folder is committed when everything came by `--timeout`.
public struct FetchCommand: ThuisCommand {
    /// Where the reactions come from.
    public enum ReactionsEndpoint: String, Sendable, CaseIterable {
        /// WRV's `/kandidaten`, status REA.
        case kandidaten
        /// The domain model's `/reacties` (not in WRV).
        case reacties
    }

    public var url: String
    public var credentials: VERACredentials
    public var outPath: String
    public var referenceDate: Day
    public var region: String
    /// Items asked for per page (`X-Parameters-AantalPerPagina`; VERA allows at most 100).
    public var pageSize = VERAPages.maximumItems
    public var reactionsEndpoint = ReactionsEndpoint.kandidaten
    /// The corporations whose publications make the batch (`idOrganisatie`), asked of the
    /// server in the `params` object and checked on what it answers; empty for all.
    public var corporations: [String] = []
    public var attempts = 5
    public var retryDelay: Double = 1
    /// Seconds for the whole fetch (`--timeout`).
    public var timeout: Double = 3600
    /// Requests in flight at once for the lookups by id.
    public var concurrency = 8
    public var quiet = true
    /// The most pages of one resource: a server that never stops paging is an error.
    public static let maximumPages = 10_000_000
    /// The most publications and households one batch refers to (the national profile has
    /// 165,000 adverts and 2 million households): the references fetch keeps in memory stay
    /// bounded whatever a server sends.
    public static let maximumAdverts = 1_000_000
    public static let maximumHouseholds = 2_500_000

    public init(url: String, credentials: VERACredentials, outPath: String, referenceDate: Day, region: String) {
        self.url = url
        self.credentials = credentials
        self.outPath = outPath
        self.referenceDate = referenceDate
        self.region = region
    }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
        var client = try VERAClient.make(url: url, credentials: credentials, attempts: attempts, retryDelay: retryDelay, quiet: quiet)
        client.deadline = Date().addingTimeInterval(timeout)
        let staging = try TemporaryFolder.make("fetch")
        defer { try? FileManager.default.removeItem(at: staging) }
        let spool = PageSpool(folder: staging)
        let run = Run(command: self, client: client, spool: spool)
        try run.fetchAll()
        let header = OutputFile(VERABatchReader.headerName, bytes: VERABatchWriter.header(BatchInfo(version: "1.0", referenceDate: referenceDate, region: region)))
        try OutputFolder.commit([header] + spool.files, to: outPath)
        return CommandOutcome(exit: .ok, stdout: run.report())
    }

    /// One fetch: what was asked, kept and left out.
    final class Run {
        let command: FetchCommand
        let client: VERAClient
        let spool: PageSpool
        var duePublications = Set<String>()
        var dwellings = Set<String>()
        var households = Set<String>()
        /// Members named instead of their household (a NatuurlijkPersoon): fetched to find it.
        var persons = Set<String>()
        var leftOut: [String: Int] = [:]
        var pages: [String: Int] = [:]
        var missing: [String: Int] = [:]

        init(command: FetchCommand, client: VERAClient, spool: PageSpool) {
            self.command = command
            self.client = client
            self.spool = spool
        }

        func fetchAll() throws {
            let day = command.referenceDate.description
            let filters = command.corporations.isEmpty ? [[]] : command.corporations.map { [URLQueryItem(name: "idOrganisatie", value: $0)] }
            try list("publicaties", filters: filters) { refs in
                guard let id = refs.id else { return true }        // the reader reports it, located
                // The server may not filter: what it answers is checked, and a publication that
                // names no organisation cannot be shown to be the corporation's.
                if !command.corporations.isEmpty && !command.corporations.contains(refs.organisation ?? "") {
                    leftOut[refs.organisation == nil ? "publications without idOrganisatie" : "publications of other corporations", default: 0] += 1
                    return false
                }
                let status = refs.status ?? ""
                let open = refs.end.map { $0 > day } == true
                guard !open, !AdvertRecord.statusesNotDue.contains(status), refs.dwellings.count <= 1 else {
                    let why = open ? "publications still open" : refs.dwellings.count > 1 ? "publications of several dwellings"
                        : "publications settled, withdrawn or unpublished"
                    leftOut[why, default: 0] += 1
                    return false
                }
                duePublications.insert(id)
                dwellings.formUnion(refs.dwellings)
                if let named = refs.namedHousehold { households.insert(named) }
                return true
            }
            try list("aanbiedingen") { refs in
                guard let publication = refs.publication, duePublications.contains(publication) else {
                    leftOut["offers on other publications", default: 0] += 1
                    return false
                }
                note(refs)
                return true
            }
            let endpoint = command.reactionsEndpoint.rawValue
            try list(endpoint) { refs in
                if command.reactionsEndpoint == .kandidaten && refs.status != "REA" {
                    leftOut["Kandidaten with another status than REA", default: 0] += 1
                    return false
                }
                let onDue = refs.publication.map(duePublications.contains) ?? refs.dwellings.contains(where: dwellings.contains)
                guard onDue else {
                    leftOut["reactions to other publications", default: 0] += 1
                    return false
                }
                note(refs)
                return true
            }
            try byID("eenheden", dwellings)
            // Persons first: each names the household it is a member of, fetched with the others.
            try spool.begin("relaties")
            let named = try byID("relaties", persons, beginning: false)
            households.formUnion(named.flatMap(\.groups))
            let groups = try byID("relaties", households.subtracting(persons), beginning: false)
            // Members a household gives only by key are Relaties of their own.
            try byID("relaties", Set(groups.flatMap(\.memberKeys)).subtracting(persons), beginning: false)
            try spool.finish()
        }

        /// Every page of `resource`; `keep` decides per item (its references) what goes in the folder.
        func list(_ resource: String, filters: [[URLQueryItem]] = [[]], keep: (ItemReferences) -> Bool) throws {
            try spool.begin(resource)
            let headers = ["X-Parameters-AantalPerPagina": String(command.pageSize),
                           "X-Parameters-PeiltijdstipMaterieel": "\(command.referenceDate)T00:00:00Z"]
            for filter in filters {
                try client.pages(resource, filter: filter, pageSize: command.pageSize, headers: headers,
                                 maximumPages: FetchCommand.maximumPages) { items in
                    for item in items {
                        // An item that is not an object is kept: the reader reports it, located.
                        if ItemReferences.of(item).map(keep) ?? true { try spool.add(item) }
                    }
                    pages[resource, default: 0] += 1
                    try bounded("publications due", duePublications.count, FetchCommand.maximumAdverts)
                    try bounded("households", households.count + persons.count, FetchCommand.maximumHouseholds)
                }
            }
        }

        /// Refuses a batch that refers to more than any batch does.
        func bounded(_ what: String, _ count: Int, _ limit: Int) throws {
            guard count <= limit else {
                throw CommandFailure(.badResponse, "more than \(limit) \(what) on one peildatum: not one batch; nothing was written")
            }
        }

        /// The household an item names: a Relatiegroep's id, or a person to look up.
        func note(_ refs: ItemReferences) {
            guard let relation = refs.relation else { return }
            if refs.relationKind == "NAT" { persons.insert(relation) } else { households.insert(relation) }
        }

        /// `GET /resource/{id}` for each id (sorted, so the folder does not depend on timing),
        /// `concurrency` at a time; an id the API does not know (404) is left to the reader to
        /// report. Returns the references of what came.
        @discardableResult
        func byID(_ resource: String, _ ids: Set<String>, beginning: Bool = true) throws -> [ItemReferences] {
            if beginning { try spool.begin(resource) }
            var found: [ItemReferences] = []
            let sorted = ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var start = 0
            while start < sorted.count {
                let chunk = Array(sorted[start..<min(sorted.count, start + VERAPages.maximumItems)])
                let client = self.client
                let results = try Parallel.map(chunk, width: command.concurrency) { id -> [UInt8]? in
                    do {
                        return [UInt8](try client.get(segments: [resource, id]).body)
                    } catch let refusal as VERAClient.Refusal where refusal.status == 404 {
                        return nil
                    } catch let refusal as VERAClient.Refusal {
                        throw refusal.failure
                    }
                }
                for (id, body) in zip(chunk, results) {
                    guard let body else {
                        missing[resource, default: 0] += 1
                        continue
                    }
                    guard let refs = ItemReferences.of(body[...]) else {
                        throw CommandFailure(.badResponse, "GET \(resource)/\(id): the body is not a VERA object")
                    }
                    found.append(refs)
                    try spool.add(body[...])
                }
                start += chunk.count
            }
            pages[resource, default: 0] += sorted.count
            return found
        }

        func report() -> String {
            let kept = spool.counts
            var lines = ["Fetched from \(command.url) into \(command.outPath) for \(command.region) on \(command.referenceDate):"]
            for resource in ["publicaties", "aanbiedingen", command.reactionsEndpoint.rawValue, "eenheden", "relaties"] {
                let requests = pages[resource] ?? 0
                let how = ["eenheden", "relaties"].contains(resource) ? "by id, \(requests) request\(requests == 1 ? "" : "s")" : "\(requests) page\(requests == 1 ? "" : "s")"
                lines.append("  \(resource): \(kept[resource] ?? 0) kept (\(how))" + (missing[resource].map { ", \($0) not found (404)" } ?? ""))
            }
            if !leftOut.isEmpty {
                lines.append("Left out: " + leftOut.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}

extension VERAClient {
    /// A client for `url` with `credentials`; usage errors for what does not fit.
    static func make(url: String, credentials: VERACredentials, attempts: Int, retryDelay: Double, quiet: Bool) throws -> VERAClient {
        guard let base = URL(string: url), let scheme = base.scheme?.lowercased(), scheme == "http" || scheme == "https",
              base.host != nil else {
            throw CommandFailure(.usage, "--vera-url must be an http or https URL, e.g. https://wrv.example.nl/v4 (got '\(url)')")
        }
        var client = VERAClient(base: base, credentials: credentials)
        client.attempts = attempts
        client.retryDelay = retryDelay
        if !quiet { client.onRetry = { FileHandle.standardError.write(Data("thuis: \($0)\n".utf8)) } }
        return client
    }
}

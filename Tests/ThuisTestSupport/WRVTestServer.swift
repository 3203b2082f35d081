import Foundation
import ThuisVERA

/// A VERA API for the tests that serves only what `WRV.yaml` publishes, and checks what it is
/// asked as a spec-driven server would: the list endpoints (`/publicaties`, `/aanbiedingen`,
/// `/kandidaten`, `/eenheden`, `/relaties`, `/toewijzingen`) and `/{resource}/{id}`, no
/// `/reacties`; query parameters `pagina` (an integer), `cursor` and the `params` object's
/// properties (`idExtern`); the paging headers typed as the spec types them. What it refuses is
/// answered 400 and kept in ``problems``.
///
/// Its data is a VERA batch folder's items (the demo twin) plus whatever a test adds; it pages
/// them as a test chooses (numbered from 0 or 1, with or without headers, by cursor; at most
/// ``cap`` items a page whatever was asked), stores POSTed items under ids of its own
/// (201 with `Location`), finds them by `idExtern`, and can answer 409 to a duplicate or fail
/// with a 500 after storing.
public final class WRVTestServer: @unchecked Sendable {
    public enum Paging: Sendable {
        /// `pagina` from 0; `X-Parameters-Pagina` and `-Aantal` in the answer when `headers`.
        case fromZero(headers: Bool)
        case fromOne(headers: Bool)
        case cursor
    }

    public var paging: Paging
    /// The most items on a page, whatever was asked.
    public var cap: Int
    /// The credentials the API accepts: `Authorization` or `X-API-KEY` values.
    public var accepts: Set<String> = ["Bearer s3cret-token"]
    /// Answer 409 to a POST whose `idExtern` is stored already.
    public var conflictOnDuplicate = false
    /// POSTs (counted from 1) that are stored and then answered 500.
    public var failAfterStoring: Set<Int> = []
    /// Whether a list honours `idOrganisatie` and `idExtern` (a server may ignore the `params` object).
    public var filtersOrganisation = true
    public var filtersExternalID = true

    private let lock = NSLock()
    private var lists: [String: [[UInt8]]] = [:]
    private var byID: [String: [String: [UInt8]]] = [:]
    private var storedItems: [String: [(id: String, idExtern: String, body: [UInt8])]] = [:]
    private var posts = 0
    private var refused: [String] = []

    /// What the server refused as not following the spec.
    public var problems: [String] {
        lock.lock()
        defer { lock.unlock() }
        return refused
    }

    /// The POSTed items stored per resource: (the server's id, idExtern).
    public var stored: [String: [(id: String, idExtern: String)]] {
        lock.lock()
        defer { lock.unlock() }
        return storedItems.mapValues { $0.map { ($0.id, $0.idExtern) } }
    }

    /// Serves the items of the VERA batch folder at `folder`, its Reacties left out (WRV has none).
    public init(folder: String, paging: Paging, cap: Int = 100) throws {
        self.paging = paging
        self.cap = cap
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".json") && name.contains("-") {
            let resource = String(name.prefix { $0 != "-" })
            // The items' bytes as they are: numbers keep their decimals.
            let page = try VERAPages.items(ofPage: [UInt8](Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))))
            for item in page { add(resource, bytes: Array(item)) }
        }
    }

    /// Adds an item (no fractional numbers: it is serialized by JSONSerialization).
    public func add(_ resource: String, _ item: [String: Any]) {
        add(resource, bytes: [UInt8](try! JSONSerialization.data(withJSONObject: item, options: [.sortedKeys])))
    }

    /// Adds an item to a list endpoint (and to `/{resource}/{id}` when it has an id).
    public func add(_ resource: String, bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        lists[resource, default: []].append(bytes)
        if let id = ItemReferences.of(bytes[...])?.id { byID[resource, default: [:]][id] = bytes }
    }

    private func refuse(_ why: String) -> LocalHTTPServer.Response {
        lock.lock()
        refused.append(why)
        lock.unlock()
        return LocalHTTPServer.Response(status: 400, headers: ["Content-Type": "application/json"],
                                        body: Array(#"{"code":"400","omschrijving":"\#(why)"}"#.utf8))
    }

    static let parameters: Set<String> = ["pagina", "cursor", "id", "idExtern", "idGegevensbeheerder", "idOrganisatie", "idAdministratie", "code"]
    static let listed: Set<String> = ["publicaties", "aanbiedingen", "kandidaten", "eenheden", "relaties", "toewijzingen"]

    /// Answers one request.
    public func handle(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Response {
        let credential = request.headers["authorization"] ?? request.headers["x-api-key"].map { $0 } ?? ""
        guard accepts.contains(credential) else {
            return LocalHTTPServer.Response(status: 401, body: Array(#"{"code":"401","omschrijving":"Niet geautoriseerd"}"#.utf8))
        }
        let parts = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard let resource = parts.first, WRVTestServer.listed.contains(resource), parts.count <= 2 else {
            return LocalHTTPServer.Response(status: 404)
        }
        // `pagina`, `cursor`, and the `params` object's properties that a form-style query can
        // carry (the strings every resource's Bericht has); anything else a strict server refuses.
        for key in request.query.keys where !WRVTestServer.parameters.contains(key) {
            return refuse("query parameter \(key) is not in the spec's parameters for /\(resource)")
        }
        if let page = request.query["pagina"], Int(page) == nil { return refuse("pagina \(page) is not an integer") }
        if let perPage = request.headers["x-parameters-aantalperpagina"], Int(perPage) == nil {
            return refuse("X-Parameters-AantalPerPagina \(perPage) is not an integer")
        }
        if let moment = request.headers["x-parameters-peiltijdstipmaterieel"],
           moment.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) == nil {
            return refuse("X-Parameters-PeiltijdstipMaterieel \(moment) is not a date-time")
        }
        switch (request.method, parts.count) {
        case ("GET", 2):
            lock.lock()
            let item = byID[resource]?[parts[1]]
            lock.unlock()
            return item.map { LocalHTTPServer.Response(status: 200, headers: ["Content-Type": "application/json"], body: $0) }
                ?? LocalHTTPServer.Response(status: 404)
        case ("GET", 1):
            return list(resource, request)
        case ("POST", 1):
            return post(resource, request)
        default:
            return LocalHTTPServer.Response(status: 405)
        }
    }

    private func list(_ resource: String, _ request: LocalHTTPServer.Request) -> LocalHTTPServer.Response {
        lock.lock()
        var items = lists[resource] ?? []
        if !(storedItems[resource] ?? []).isEmpty {
            items = (storedItems[resource] ?? []).map(\.body)
        }
        if let key = request.query["idExtern"], filtersExternalID {
            items = (storedItems[resource] ?? []).filter { $0.idExtern == key }.map(\.body)
        }
        if let organisation = request.query["idOrganisatie"], filtersOrganisation {
            items = items.filter { ItemReferences.of($0[...])?.organisation == organisation }
        }
        lock.unlock()
        let asked = request.headers["x-parameters-aantalperpagina"].flatMap { Int($0) } ?? 20
        let size = max(1, min(asked, cap))
        var index: Int
        var headers = ["Content-Type": "application/json"]
        switch paging {
        case .fromZero(let withHeaders), .fromOne(let withHeaders):
            let first = { if case .fromZero = self.paging { return 0 } else { return 1 } }()
            let page = request.query["pagina"].flatMap { Int($0) } ?? first
            index = (page - first) * size
            if withHeaders {
                headers["X-Parameters-Pagina"] = String(page)
                headers["X-Parameters-Aantal"] = String(items.count)
                headers["X-Parameters-AantalPerPagina"] = String(size)
            }
        case .cursor:
            index = request.query["cursor"].flatMap { Int($0.dropFirst(2)) } ?? 0
            if index + size < items.count { headers["X-Parameters-Cursor"] = "c-\(index + size)" }
        }
        index = max(0, index)
        let slice = index < items.count ? items[index..<min(items.count, index + size)] : []
        let body = Array("[".utf8) + slice.joined(separator: Array(",".utf8)) + Array("]".utf8)
        return LocalHTTPServer.Response(status: 200, headers: headers, body: body)
    }

    private func post(_ resource: String, _ request: LocalHTTPServer.Request) -> LocalHTTPServer.Response {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
            return refuse("the body of POST /\(resource) is not a JSON object")
        }
        let key = object["idExtern"] as? String ?? ""
        lock.lock()
        defer { lock.unlock() }
        posts += 1
        if conflictOnDuplicate, storedItems[resource, default: []].contains(where: { $0.idExtern == key && !key.isEmpty }) {
            return LocalHTTPServer.Response(status: 409, body: Array(#"{"code":"409","omschrijving":"Bestaat al"}"#.utf8))
        }
        let id = "\(resource.prefix(3).uppercased())-\(storedItems[resource, default: []].count + 1)"
        var withID = object
        withID["id"] = id
        let body = [UInt8](try! JSONSerialization.data(withJSONObject: withID, options: [.sortedKeys]))
        storedItems[resource, default: []].append((id, key, body))
        if failAfterStoring.contains(posts) { return LocalHTTPServer.Response(status: 500) }
        return LocalHTTPServer.Response(status: 201, headers: ["Content-Type": "application/json", "Location": "/\(resource)/\(id)"], body: body)
    }
}

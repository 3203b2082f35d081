import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisVERA

/// `thuis fetch` and `thuis publish` against a VERA API on 127.0.0.1 that the test starts,
/// serving the demo twin's pages with VERA's paging headers.
@Suite(.serialized, .timeLimit(.minutes(3))) struct VERAAPITests {
    static let token = "s3cret-token"
    static let fixture = Fixtures.path("vera/demo-region")

    /// The fixture's pages of `resource`, in order.
    static func pages(_ resource: String) throws -> [[UInt8]] {
        try FileManager.default.contentsOfDirectory(atPath: fixture)
            .filter { VERABatchReader.resource(ofPage: $0) == resource }.sorted()
            .map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(fixture)/\($0)"))) }
    }

    /// A server for the demo twin: `/reacties` pages by cursor, the others by page number (with
    /// the total in `X-Parameters-Aantal`); `failures` answers chosen requests with an error first.
    final class DemoAPI: @unchecked Sendable {
        let lock = NSLock()
        /// "METHOD path query" -> answers to give before the real one.
        var failures: [String: [LocalHTTPServer.Response]]
        var posted: [(path: String, reference: String, body: [UInt8])] = []

        init(failures: [String: [LocalHTTPServer.Response]] = [:]) { self.failures = failures }

        func handle(_ request: LocalHTTPServer.Request) -> LocalHTTPServer.Response {
            guard request.headers["authorization"] == "Bearer \(VERAAPITests.token)" else {
                return LocalHTTPServer.Response(status: 401, body: Array(#"{"code":"401","omschrijving":"Niet geautoriseerd"}"#.utf8))
            }
            let key = "\(request.method) \(request.path) \(request.query.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&"))"
            lock.lock()
            if var queue = failures[key], !queue.isEmpty {
                let answer = queue.removeFirst()
                failures[key] = queue
                lock.unlock()
                return answer
            }
            if request.method == "POST" {
                posted.append((request.path, request.headers["x-stuurgegevens-referentienummer"] ?? "", request.body))
                lock.unlock()
                return LocalHTTPServer.Response(status: 201, headers: ["Content-Type": "application/json"], body: request.body)
            }
            lock.unlock()
            let resource = String(request.path.dropFirst())
            guard VERABatchReader.resources.contains(resource), let pages = try? VERAAPITests.pages(resource) else {
                return LocalHTTPServer.Response(status: 404)
            }
            let total = pages.reduce(0) { $0 + ((try? VERAPages.items(ofPage: $1).count) ?? 0) }
            if resource == "reacties" {
                let index = request.query["cursor"].flatMap { Int($0.dropFirst(2)) } ?? 0
                guard index < pages.count else { return LocalHTTPServer.Response(status: 400) }
                var headers = ["Content-Type": "application/json"]
                if index + 1 < pages.count { headers["X-Parameters-Cursor"] = "c-\(index + 1)" }
                return LocalHTTPServer.Response(status: 200, headers: headers, body: pages[index])
            }
            let page = Int(request.query["pagina"] ?? "1") ?? 1
            let body = page <= pages.count ? pages[page - 1] : Array("[]".utf8)
            return LocalHTTPServer.Response(status: 200, headers: [
                "Content-Type": "application/json", "X-Parameters-Aantal": "\(total)",
                "X-Parameters-Pagina": "\(page)", "X-Parameters-AantalPerPagina": "100",
            ], body: body)
        }
    }

    static func tokenFile(_ directory: URL, _ token: String = VERAAPITests.token) throws -> String {
        let path = directory.appendingPathComponent("token").path
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func fetch(_ server: LocalHTTPServer, into out: String, token: String) -> CommandOutcome {
        var command = FetchCommand(url: server.url, tokenFile: token, outPath: out,
                                   referenceDate: Day(iso: "2026-11-25")!, region: "Demo Utrecht-Zuid")
        command.retryDelay = 0.01
        command.attempts = 3
        return command.run()
    }

    @Test("fetch pages through the API, retries a page that fails once, and writes the fixture's files")
    func fetchWritesTheFixture() throws {
        let api = DemoAPI(failures: [
            "GET /reacties cursor=c-1": [LocalHTTPServer.Response(status: 503, body: Array(#"{"code":"503","omschrijving":"Even geduld"}"#.utf8))],
            "GET /relaties pagina=1": [LocalHTTPServer.Response(status: 429, headers: ["Retry-After": "0"])],
        ])
        let server = try LocalHTTPServer(handler: api.handle)
        defer { server.stop() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("batch").path
        let outcome = Self.fetch(server, into: out, token: try Self.tokenFile(directory))
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixture).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names)
        for name in names {
            #expect(FileManager.default.contentsEqual(atPath: "\(Self.fixture)/\(name)", andPath: "\(out)/\(name)"), "\(name)")
        }
        let requests = server.requests
        #expect(requests.filter { $0.path == "/reacties" }.map { $0.query["cursor"] ?? "-" } == ["-", "c-1", "c-1"])
        #expect(requests.filter { $0.path == "/relaties" }.count == 2)
        #expect(requests.allSatisfy { $0.headers["x-parameters-aantalperpagina"] == "100" })
        #expect(requests.allSatisfy { $0.headers["x-parameters-peiltijdstipmaterieel"] == "2026-11-25T00:00:00Z" })
        // The fetched folder is a batch: it allocates as the XML demo does.
        let check = BatchSource.read([out])
        #expect(check.errors.isEmpty && check.market != nil)
    }

    @Test("a refused token is exit 77 and writes nothing")
    func refusedToken() throws {
        let server = try LocalHTTPServer(handler: DemoAPI().handle)
        defer { server.stop() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("batch").path
        let outcome = Self.fetch(server, into: out, token: try Self.tokenFile(directory, "wrong"))
        #expect(outcome.exit == .noPermission)
        #expect(outcome.stderr.contains("error: UNAUTHORIZED: GET \(server.url)/eenheden?pagina=1: the API refused the token (401: 401 Niet geautoriseerd)"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(server.requests.count == 1)
    }

    @Test("an API that keeps failing is exit 69 after the attempts, and writes nothing")
    func unavailable() throws {
        let failing: [LocalHTTPServer.Response] = Array(repeating: LocalHTTPServer.Response(status: 502), count: 10)
        let server = try LocalHTTPServer(handler: DemoAPI(failures: ["GET /publicaties pagina=1": failing]).handle)
        defer { server.stop() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("batch").path
        let outcome = Self.fetch(server, into: out, token: try Self.tokenFile(directory))
        #expect(outcome.exit == .unavailable)
        #expect(outcome.stderr.contains("SERVICE_UNAVAILABLE"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(server.requests.filter { $0.path == "/publicaties" }.count == 3)
    }

    @Test("a body that is not a page is refused, as is a server that pages forever")
    func badPaging() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try Self.tokenFile(directory)
        let notAPage = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: 200, body: Array("{\"id\":1}".utf8)) }
        let first = Self.fetch(notAPage, into: directory.appendingPathComponent("a").path, token: token)
        notAPage.stop()
        #expect(first.exit == .unavailable)
        #expect(first.stderr.contains("BAD_RESPONSE: GET eenheden page 1: the body is not a page of VERA objects"), "\(first.stderr)")
        let forever = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(status: 200, headers: ["X-Parameters-Cursor": "same"], body: Array("[{}]".utf8))
        }
        let second = Self.fetch(forever, into: directory.appendingPathComponent("b").path, token: token)
        forever.stop()
        #expect(second.exit == .unavailable)
        #expect(second.stderr.contains("BAD_RESPONSE: GET eenheden: the server gave cursor same twice"), "\(second.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("b").path))
        let huge = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: 200, body: [UInt8](repeating: 0x20, count: 70 << 20)) }
        let third = Self.fetch(huge, into: directory.appendingPathComponent("c").path, token: token)
        huge.stop()
        #expect(third.exit == .unavailable)
        #expect(third.stderr.contains("BAD_RESPONSE: GET \(huge.url)/eenheden?pagina=1: an answer of more than 64 MiB"), "\(third.stderr)")
    }

    @Test("publish posts every result item once, retries a failed post, and refuses a changed folder")
    func publish() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = directory.appendingPathComponent("vera-results").path
        var allocate = AllocateCommand(exports: [Self.fixture], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                       outPath: directory.appendingPathComponent("out").path)
        allocate.ledgerPath = nil
        allocate.veraOutPath = results
        #expect(allocate.run().exit == .ok)
        var same = allocate
        same.veraOutPath = allocate.outPath + "/"
        #expect(same.run().exit == .usage, "--vera-out the same folder as --out")

        var expected: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: results) where name.hasSuffix(".json") {
            let resource = String(name.prefix { $0 != "-" })
            expected["/" + resource, default: 0] += try VERAPages.items(ofPage: [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(results)/\(name)")))).count
        }
        let api = DemoAPI(failures: ["POST /aanbiedingen ": [LocalHTTPServer.Response(status: 500)]])
        let server = try LocalHTTPServer(handler: api.handle)
        defer { server.stop() }
        var publish = PublishCommand(url: server.url, tokenFile: try Self.tokenFile(directory), folder: results)
        publish.retryDelay = 0.01
        let outcome = publish.run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        var counted: [String: Int] = [:]
        for post in api.posted {
            counted[post.path, default: 0] += 1
            #expect((try? JSONSerialization.jsonObject(with: Data(post.body))) is [String: Any])
        }
        #expect(counted == expected)
        #expect(Set(api.posted.map(\.reference)).count == api.posted.count)
        #expect(expected["/toewijzingen"] == 16)

        // A changed file: nothing is posted.
        let page = URL(fileURLWithPath: results).appendingPathComponent("toewijzingen-00001.json")
        var bytes = try Data(contentsOf: page)
        bytes.append(0x20)
        try bytes.write(to: page)
        let before = api.posted.count
        let refused = publish.run()
        #expect(refused.exit == .dataError)
        #expect(refused.stderr.contains("MANIFEST_MISMATCH"), "\(refused.stderr)")
        #expect(api.posted.count == before)
    }
}

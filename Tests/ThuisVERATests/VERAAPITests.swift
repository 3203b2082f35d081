import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisVERA

/// `thuis fetch` and `thuis publish` against a VERA API on 127.0.0.1 that serves only WRV's
/// paths (``WRVTestServer``): the demo twin's items in a register that also holds what a real
/// system does (open and settled publications, Kandidaten of other statuses, households that did
/// not react), paged as the test chooses.
@Suite(.serialized, .timeLimit(.minutes(5))) struct VERAAPITests {
    static let token = "s3cret-token"
    static let twin = Fixtures.path("vera/demo-region")
    static let peildatum = Day(iso: "2026-11-25")!

    /// The twin in a register: one publication still open (P99, with a reaction), one settled
    /// (P98, with a reaction), a Kandidaat of status SEL, and a household that did not react (H77).
    static func register(_ paging: WRVTestServer.Paging, cap: Int = 7) throws -> WRVTestServer {
        let api = try WRVTestServer(folder: twin, paging: paging, cap: cap)
        api.add("publicaties", ["id": "P99", "model": ["code": "AAN"], "begindatum": "2026-11-20", "einddatum": "2026-12-04",
                                "eenheden": [["id": "E99"]]])
        api.add("publicaties", ["id": "P98", "model": ["code": "AAN"], "status": ["code": "AFG"], "begindatum": "2024-01-02",
                                "einddatum": "2024-01-16", "eenheden": [["id": "E98"]]])
        for (advert, household) in [("P99", "H01"), ("P98", "H02")] {
            api.add("kandidaten", ["status": ["code": "REA"], "relatie": ["id": household, "soort": ["code": "GRO"]],
                                   "extra-attributen": [["naam": "publicatie", "waarde": advert], ["naam": "datum", "waarde": "2026-11-21"]]])
        }
        api.add("kandidaten", ["status": ["code": "SEL"], "eenheid": ["id": "E01"], "relatie": ["id": "H03", "soort": ["code": "GRO"]],
                               "extra-attributen": [["naam": "publicatie", "waarde": "P01"]]])
        api.add("relaties", ["id": "H77", "soort": ["code": "GRO"]])
        return api
    }

    static func fetch(_ url: String, into out: String, credentials: VERACredentials = .bearer(token),
                      _ configure: (inout FetchCommand) -> Void = { _ in }) -> CommandOutcome {
        var command = FetchCommand(url: url, credentials: credentials, outPath: out, referenceDate: peildatum, region: "Demo Utrecht-Zuid")
        command.retryDelay = 0.01
        command.attempts = 3
        command.pageSize = 20
        configure(&command)
        return command.run()
    }

    static func allocate(_ batch: String, _ out: String) -> CommandOutcome {
        var command = AllocateCommand(exports: [batch], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"), outPath: out)
        command.ledgerPath = nil
        return command.run()
    }

    static func contents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        return files
    }

    @Test("fetch from a WRV-only server paging from 0 with a capped page allocates as the twin does, and never lets an open publication")
    func fetchAllocatesAsTheTwin() throws {
        let api = try Self.register(.fromZero(headers: false))
        let server = try LocalHTTPServer(handler: api.handle)
        defer { server.stop() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = directory.appendingPathComponent("batch").path
        let outcome = Self.fetch(server.url, into: batch)
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        #expect(api.problems.isEmpty, "\(api.problems)")
        #expect(outcome.stdout.contains("kandidaten: 160 kept"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("relaties: 48 kept (by id, 48 requests)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("Left out: 1 Kandidaten with another status than REA, 1 publications settled, withdrawn or unpublished, 1 publications still open, 2 reactions to other publications"), "\(outcome.stdout)")
        let paths = server.requests.map(\.path)
        #expect(!paths.contains("/reacties"))
        #expect(!paths.contains("/relaties"), "relations are fetched by id, not the whole register")
        #expect(!paths.contains("/relaties/H77"))
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == "Bearer \(Self.token)" })

        let fromAPI = directory.appendingPathComponent("from-api").path, fromFiles = directory.appendingPathComponent("from-files").path
        #expect(Self.allocate(batch, fromAPI).exit == .ok)
        #expect(Self.allocate(Self.twin, fromFiles).exit == .ok)
        for name in ["allocations.csv", "candidates.csv", "quota-report.csv", "publication.csv", "toewijzingen.xml"] {
            #expect(FileManager.default.contentsEqual(atPath: "\(fromAPI)/\(name)", andPath: "\(fromFiles)/\(name)"), "\(name)")
        }
        let candidates = try String(contentsOfFile: "\(fromAPI)/candidates.csv", encoding: .utf8)
        #expect(!candidates.contains("P99") && !candidates.contains("P98"))

        // The reader sets aside what is not due even when a folder holds it.
        let kept = directory.appendingPathComponent("kept").path
        try FileManager.default.copyItem(atPath: Self.twin, toPath: kept)
        try Data(#"[{"id":"P99","model":{"code":"AAN"},"begindatum":"2026-11-20","einddatum":"2026-12-04","eenheden":[{"id":"E01"}]}]"#.utf8)
            .write(to: URL(fileURLWithPath: kept).appendingPathComponent("publicaties-00002.json"))
        try FileManager.default.removeItem(atPath: kept + "/manifest.sha256")
        let read = BatchSource.read([kept])
        #expect(read.market?.adverts.count == 16)
        #expect(read.warnings.contains { $0.code == .advertNotDue && $0.message.contains("1 Publicatie is still open on the peildatum (einddatum after 2026-11-25) (P99)") },
                "\(read.warnings)")
    }

    @Test("Kandidaten that name a person, and a household that gives a member by key, are joined through the persons' Relaties")
    func personsJoined() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("register").path
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        var persons: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.twin) where name.hasSuffix(".json") {
            var text = try String(contentsOfFile: "\(Self.twin)/\(name)", encoding: .utf8)
            // H10's second member is given only by key: the person is a Relatie of its own.
            let member = #"{"soort":{"code":"NAT"},"geboortedatum":"1963-02-14","inkomens":[{"soort":{"code":"BRU"},"bedrag":17800.00,"jaar":2025}]}"#
            if name.hasPrefix("relaties") {
                #expect(text.contains(member))
                text = text.replacingOccurrences(of: member, with: #"{"id":"NP-H10b","soort":{"code":"NAT"}}"#)
                persons.append(#"{"id":"NP-H10b","soort":{"code":"NAT"},"geboortedatum":"1963-02-14","inkomens":[{"soort":{"code":"BRU"},"bedrag":17800.00,"jaar":2025}],"relaties":[{"id":"H10","soort":{"code":"GRO"}}]}"#)
            }
            if name.hasPrefix("kandidaten") {
                for h in 1...9 {
                    text = text.replacingOccurrences(of: #""relatie":{"id":"H0\#(h)","soort":{"code":"GRO"}}"#,
                                                     with: #""relatie":{"id":"NP-H0\#(h)","soort":{"code":"NAT"}}"#)
                }
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: source).appendingPathComponent(name))
        }
        for h in 1...9 { persons.append(#"{"id":"NP-H0\#(h)","soort":{"code":"NAT"},"relaties":[{"id":"H0\#(h)","soort":{"code":"GRO"}}]}"#) }
        try Data(("[\n" + persons.joined(separator: ",\n") + "\n]\n").utf8).write(to: URL(fileURLWithPath: source).appendingPathComponent("relaties-00002.json"))
        let api = try WRVTestServer(folder: source, paging: .fromZero(headers: true), cap: 10)
        let server = try LocalHTTPServer(handler: api.handle)
        defer { server.stop() }
        let batch = directory.appendingPathComponent("batch").path
        let outcome = Self.fetch(server.url, into: batch)
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("relaties: 58 kept (by id, 58 requests)"), "\(outcome.stdout)")
        let fromAPI = directory.appendingPathComponent("from-api").path, fromFiles = directory.appendingPathComponent("from-files").path
        let allocated = Self.allocate(batch, fromAPI)
        #expect(allocated.exit == .ok, "\(allocated.stderr)")
        #expect(Self.allocate(Self.twin, fromFiles).exit == .ok)
        for name in ["allocations.csv", "candidates.csv"] {
            #expect(FileManager.default.contentsEqual(atPath: "\(fromAPI)/\(name)", andPath: "\(fromFiles)/\(name)"), "\(name)")
        }
    }

    @Test("--corporation asks the server for one corporation's publications and checks what it answers", arguments: [true, false])
    func corporation(_ serverFilters: Bool) throws {
        let api = try Self.register(.fromOne(headers: true), cap: 100)
        api.filtersOrganisation = serverFilters
        let server = try LocalHTTPServer(handler: api.handle)
        defer { server.stop() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = directory.appendingPathComponent("batch").path
        let outcome = Self.fetch(server.url, into: batch) { $0.corporations = ["MIT"] }
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        #expect(api.problems.isEmpty, "\(api.problems)")
        #expect(server.requests.filter { $0.path == "/publicaties" }.allSatisfy { $0.query["idOrganisatie"] == "MIT" })
        let market = try #require(BatchSource.read([batch]).market)
        #expect(market.adverts.count > 0 && market.adverts.count < 16)
        #expect((0..<market.dwellings.count).allSatisfy { market.corporations[Int(market.dwellings.corporation[$0])] == "MIT" })
    }

    @Test("the folder does not depend on how the server pages", arguments: [
        WRVTestServer.Paging.fromOne(headers: true), .fromOne(headers: false), .fromZero(headers: true), .cursor,
    ])
    func pagingDoesNotMatter(_ paging: WRVTestServer.Paging) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var folders: [[String: Data]] = []
        for (k, (p, cap)) in [(WRVTestServer.Paging.fromZero(headers: false), 100), (paging, 7)].enumerated() {
            let api = try Self.register(p, cap: cap)
            let server = try LocalHTTPServer(handler: api.handle)
            defer { server.stop() }
            let out = directory.appendingPathComponent("batch-\(k)").path
            let outcome = Self.fetch(server.url, into: out)
            #expect(outcome.exit == .ok, "\(outcome.stderr)")
            #expect(api.problems.isEmpty, "\(api.problems)")
            folders.append(try Self.contents(out))
        }
        #expect(folders[0] == folders[1])
    }

    @Test("an API key and OAuth2 client credentials are sent as the spec's security schemes say; a refused token is fetched again once")
    func credentials() throws {
        let api = try Self.register(.fromOne(headers: true), cap: 100)
        api.accepts = ["k3y", "Bearer fresh"]
        let tokens = NSLock()
        nonisolated(unsafe) var issued: [String] = []
        let server = try LocalHTTPServer { request in
            guard request.path == "/oauth/token" else { return api.handle(request) }
            let body = String(decoding: request.body, as: UTF8.self)
            guard request.method == "POST", body.hasPrefix("grant_type=client_credentials"),
                  request.headers["authorization"] == "Basic " + Data("thuis:geheim".utf8).base64EncodedString() else {
                return LocalHTTPServer.Response(status: 401)
            }
            tokens.lock()
            defer { tokens.unlock() }
            // The first token is refused by the API (revoked), the second accepted.
            issued.append(issued.isEmpty ? "stale" : "fresh")
            return LocalHTTPServer.Response(status: 200, headers: ["Content-Type": "application/json"],
                                            body: Array(#"{"access_token":"\#(issued.last!)","token_type":"Bearer","expires_in":3600}"#.utf8))
        }
        defer { server.stop() }
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyed = Self.fetch(server.url, into: directory.appendingPathComponent("a").path, credentials: .apiKey("k3y"))
        #expect(keyed.exit == .ok, "\(keyed.stderr)")
        let oauth = try VERACredentials.resolve(apiURL: server.url, tokenFile: nil, apiKeyFile: nil, clientID: "thuis", secretFile: nil,
                                                tokenURL: nil, scope: nil, environment: ["THUIS_CLIENT_SECRET": "geheim"])
        let fetched = Self.fetch(server.url, into: directory.appendingPathComponent("b").path, credentials: oauth)
        #expect(fetched.exit == .ok, "\(fetched.stderr)")
        #expect(issued == ["stale", "fresh"])
        let refused = Self.fetch(server.url, into: directory.appendingPathComponent("c").path, credentials: .bearer("wrong"))
        #expect(refused.exit == .noPermission)
        #expect(refused.stderr.contains("UNAUTHORIZED"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c").path))
        #expect(throws: CommandFailure.self) {
            try VERACredentials.resolve(apiURL: server.url, tokenFile: nil, apiKeyFile: nil, clientID: nil, secretFile: nil, tokenURL: nil, scope: nil)
        }
    }

    /// A server that answers every request with `answer`, counting the requests.
    static func hostile(_ answer: @escaping @Sendable (LocalHTTPServer.Request, Int) -> LocalHTTPServer.Response) throws -> LocalHTTPServer {
        let count = NSLock()
        nonisolated(unsafe) var n = 0
        return try LocalHTTPServer { request in
            count.lock()
            n += 1
            let k = n
            count.unlock()
            return answer(request, k)
        }
    }

    @Test("a hostile server gets no token elsewhere, no crash and no endless fetch: exit 69, nothing written")
    func hostileServers() throws {
        let elsewhere = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: 200, body: Array("[]".utf8)) }
        defer { elsewhere.stop() }
        let item: @Sendable (Int) -> [UInt8] = { k in Array(#"[{"id":"P\#(k)","einddatum":"2026-11-01"}]"#.utf8) }
        let cases: [(String, LocalHTTPServer, Double)] = [
            ("another origin", try Self.hostile { _, _ in LocalHTTPServer.Response(status: 302, headers: ["Location": "\(elsewhere.url)/publicaties"]) }, 60),
            ("has no next", try Self.hostile { _, _ in
                LocalHTTPServer.Response(status: 200, headers: ["X-Parameters-Pagina": "9223372036854775807", "X-Parameters-AantalPerPagina": "2"], body: Array("[{}]".utf8))
            }, 60),
            ("the same page was answered twice", try Self.hostile { _, _ in LocalHTTPServer.Response(status: 200, body: item(1)) }, 60),
            ("was given twice", try Self.hostile { _, k in LocalHTTPServer.Response(status: 200, headers: ["X-Parameters-Cursor": "again"], body: item(k)) }, 60),
            ("asked for page 2, answered page 1", try Self.hostile { _, _ in
                LocalHTTPServer.Response(status: 200, headers: ["X-Parameters-Pagina": "1", "X-Parameters-Aantal": "1000000000"], body: item(1))
            }, 60),
            ("deadline", try Self.hostile { _, k in LocalHTTPServer.Response(status: 200, headers: ["X-Parameters-Cursor": "c\(k)"], body: item(k)) }, 3),
            ("deadline", try Self.hostile { _, _ in LocalHTTPServer.Response(status: 200, body: item(1), secondsPerByte: 0.5) }, 3),
        ]
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (k, (expected, server, timeout)) in cases.enumerated() {
            let out = directory.appendingPathComponent("batch-\(k)").path
            let started = Date()
            let outcome = Self.fetch(server.url, into: out) { $0.timeout = timeout }
            server.stop()
            #expect(outcome.exit == .unavailable, "\(expected): \(outcome.stderr)")
            #expect(outcome.stderr.contains(expected), "\(expected): \(outcome.stderr)")
            #expect(Date().timeIntervalSince(started) < timeout + 10, "\(expected)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(expected)")
        }
        #expect(elsewhere.requests.isEmpty, "nothing, and no token, reaches another origin")
    }

    /// The demo twin allocated, its VERA results in `directory`/vera.
    static func results(_ directory: URL) throws -> String {
        let results = directory.appendingPathComponent("vera").path
        var allocate = AllocateCommand(exports: [twin], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                       outPath: directory.appendingPathComponent("out").path)
        allocate.ledgerPath = nil
        allocate.veraOutPath = results
        let outcome = allocate.run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        return results
    }

    static func publish(_ url: String, _ folder: String, journal: String? = nil, _ configure: (inout PublishCommand) -> Void = { _ in }) -> CommandOutcome {
        var command = PublishCommand(url: url, credentials: .bearer(token), folder: folder)
        command.retryDelay = 0.01
        command.journalPath = journal
        command.resources = PublishCommand.allResources
        configure(&command)
        return command.run()
    }

    /// Every item's idExtern in the results, per resource.
    static func keys(_ folder: String) throws -> [String: [String]] {
        var keys: [String: [String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".json") {
            for item in try VERAPages.items(ofPage: [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)")))) {
                keys[String(name.prefix { $0 != "-" }), default: []].append(try #require(ItemReferences.of(item)?.externalID))
            }
        }
        return keys
    }

    static func expectOnce(_ api: WRVTestServer, _ keys: [String: [String]], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (resource, expected) in keys {
            let stored = api.stored[resource, default: []].map(\.idExtern)
            #expect(stored.sorted() == expected.sorted(), "\(resource): \(stored.count) stored of \(expected.count)", sourceLocation: sourceLocation)
        }
    }

    @Test("publish stores each item once: after a 500 that stored, on a second run, against a server answering 409 to duplicates")
    func publishOnce() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = try Self.results(directory)
        let keys = try Self.keys(results)
        #expect(keys["toewijzingen"]?.count == 16 && keys["kandidaten"]?.count == 151)
        #expect(keys["toewijzingen"]?.first == "P01@2026-11-25")

        let api = try WRVTestServer(folder: directory.path, paging: .fromOne(headers: true))
        api.failAfterStoring = [3, 40, 41, 100]
        let server = try LocalHTTPServer(handler: api.handle)
        defer { server.stop() }
        let first = Self.publish(server.url, results) { $0.concurrency = 4 }
        #expect(first.exit == .ok, "\(first.stderr)")
        Self.expectOnce(api, keys)
        #expect(api.problems.isEmpty, "\(api.problems)")
        let posts = server.requests.filter { $0.method == "POST" }.count
        let again = Self.publish(server.url, results)
        #expect(again.exit == .ok, "\(again.stderr)")
        #expect(again.stdout.contains("0 toewijzingen (and 16 stored earlier)"), "\(again.stdout)")
        #expect(server.requests.filter { $0.method == "POST" }.count == posts)
        let journal = try String(contentsOfFile: results + ".publish-journal", encoding: .utf8)
        #expect(journal.contains("D toewijzingen 1 TOE-"), "the server's id is kept")

        // A server that ignores the idExtern filter: what an unclear post stored is found by
        // reading the whole list.
        let unfiltered = try WRVTestServer(folder: directory.path, paging: .fromZero(headers: false), cap: 30)
        unfiltered.filtersExternalID = false
        unfiltered.failAfterStoring = [2, 50, 120]
        let unfilteredServer = try LocalHTTPServer(handler: unfiltered.handle)
        defer { unfilteredServer.stop() }
        let ignoring = Self.publish(unfilteredServer.url, results, journal: directory.appendingPathComponent("unfiltered-journal").path)
        #expect(ignoring.exit == .ok, "\(ignoring.stderr)")
        Self.expectOnce(unfiltered, keys)

        // A fresh journal against a server that has everything and answers 409.
        api.conflictOnDuplicate = true
        let conflicted = Self.publish(server.url, results, journal: directory.appendingPathComponent("other-journal").path)
        #expect(conflicted.exit == .ok, "\(conflicted.stderr)")
        Self.expectOnce(api, keys)

        // Another result's journal is refused; so is a changed folder, before anything is posted.
        let before = server.requests.count
        let other = directory.appendingPathComponent("other-journal").path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: "\(results)/toewijzingen-00001.json"))
        bytes.append(0x20)
        try bytes.write(to: URL(fileURLWithPath: "\(results)/toewijzingen-00001.json"))
        let changed = Self.publish(server.url, results, journal: other)
        #expect(changed.exit == .dataError)
        #expect(changed.stderr.contains("MANIFEST_MISMATCH"), "\(changed.stderr)")
        #expect(server.requests.count == before)
    }

    @Test("publish killed at random points and run again until done stores every item exactly once")
    func publishKilled() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = try Self.results(directory)
        let keys = try Self.keys(results)
        let tokenFile = directory.appendingPathComponent("token").path
        try Data("\(Self.token)\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
        var random = SystemRandomNumberGenerator()
        let rounds = PropertyRuns.full ? 20 : 3
        var killed = 0
        for round in 0..<rounds {
            let api = try WRVTestServer(folder: directory.path, paging: .fromOne(headers: true))
            api.failAfterStoring = [Int.random(in: 1...183, using: &random)]
            // Every other round the server ignores the idExtern filter: lookups read the whole list.
            api.filtersExternalID = round % 2 == 0
            let server = try LocalHTTPServer(handler: api.handle)
            defer { server.stop() }
            let journal = directory.appendingPathComponent("journal-\(round)").path
            var done = false, runs = 0
            while !done {
                runs += 1
                #expect(runs < 60, "round \(round) does not finish")
                if runs >= 60 { break }
                // Killed (SIGKILL) once the journal has grown by a random number of events: at a
                // random point of the work, whatever the machine's speed.
                let before = (try? String(contentsOfFile: journal, encoding: .utf8))?.split(separator: "\n").count ?? 0
                let events = Int.random(in: 1...120, using: &random)
                let process = Process()
                process.executableURL = ThuisProcess.executable
                process.arguments = ["publish", results, "--quiet", "--vera-url", server.url, "--token-file", tokenFile, "--journal", journal,
                                     "--resources", "kandidaten,aanbiedingen,toewijzingen", "--retry-delay", "0.01", "--concurrency", "4"]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                while process.isRunning {
                    let lines = (try? String(contentsOfFile: journal, encoding: .utf8))?.split(separator: "\n").count ?? 0
                    if lines - before >= events {
                        kill(process.processIdentifier, SIGKILL)
                        break
                    }
                    usleep(500)
                }
                process.waitUntilExit()
                done = process.terminationReason == .exit && process.terminationStatus == 0
                if process.terminationReason == .uncaughtSignal { killed += 1 }
            }
            Self.expectOnce(api, keys)
        }
        #expect(killed > 0, "no run was killed: the kills came too late to test anything")
    }
}

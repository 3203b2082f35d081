import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisGenerator
import ThuisPolicyFile
import ThuisReports
import ThuisTestSupport
import ThuisXML

/// `thuis verify`: an allocation recounted from its own files. It passes on every allocation
/// Thuis makes (random markets, both mechanisms, with and without caps, the demo, generated
/// nights) and fails, at the row that no longer holds, on folders edited by hand.
@Suite(.timeLimit(.minutes(3))) struct VerifyTests {
    /// The problems ResultCheck finds in an allocation's files, rendered in memory.
    static func problems(_ market: Market, _ policy: Policy, _ allocation: Allocation) -> [Diagnostic] {
        let facts = AllocationFacts(market: market, allocation: allocation, policy: policy)
        let summary = AllocationSummary(facts, inputs: .init(exports: ["export.xml"], exportSHA256: [""], policyFile: "policy.toml", policySHA256: ""))
        return ResultCheck.run(folder: "out", allocations: AllocationTables.allocations(facts), candidates: AllocationTables.candidates(facts),
                               quotaReport: Array(AllocationTables.quotaReport(facts).utf8), summary: summary).problems
    }

    @Test("every allocation of a random market verifies from its files", arguments: Array(UInt64(1)...120))
    func randomMarkets(_ seed: UInt64) throws {
        for mechanism in ["da", "sequential"] {
            let (market, policy, allocation) = try AllocationPropertyTests.load(seed, caps: seed % 2 == 0, mechanism: mechanism)
            let problems = Self.problems(market, policy, allocation)
            #expect(problems.isEmpty, "seed \(seed) \(mechanism): \(problems.prefix(3).map(\.description))")
        }
    }

    /// Three generated nights of the nightly profile, under the shipped policies.
    static func night(_ seed: UInt64) throws -> Market {
        var generator = ExportGenerator(profile: .nightly, seed: seed)
        generator.scale = 0.25
        generator.priorityShare = 0.15
        let path = Fixtures.temporaryDirectory().appendingPathComponent("night-\(seed).xml").path
        _ = try generator.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try #require(ExportReader.read([path]).market)
    }

    static let shippedPolicies = ["een-thuis-voor-iedereen.toml", "wachttijd-met-quotum.toml", "loting-20.toml", "punten-amsterdam.toml",
                                  "spreiding-per-buurt.toml"]

    static func policy(_ name: String) throws -> Policy {
        try PolicyFile.load(Fixtures.path("policies/\(name)")).get()
    }

    @Test("generated nights under the shipped policies verify", arguments: PropertyRuns.sample([UInt64(1), 2, 3], 1))
    func nights(_ seed: UInt64) throws {
        let market = try Self.night(seed)
        for name in Self.shippedPolicies {
            let policy = try Self.policy(name)
            let problems = Self.problems(market, policy, Allocator.allocate(market, policy))
            #expect(problems.isEmpty, "night \(seed), \(name): \(problems.prefix(3).map(\.description))")
        }
    }

    @Test("a cap refusal the end has room for is a false claim: the plain mechanism's demo under loting-20")
    func unneededRefusal() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try Self.policy("loting-20.toml")
        let problems = Self.problems(market, policy, Allocator.allocate(market, policy, repairingCaps: false))
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.code == .falseClaim && $0.message.contains("urgenten-max-40 region ends at") && $0.message.contains("within the cap") },
                "\(problems.map(\.description))")
        #expect(Self.problems(market, policy, Allocator.allocate(market, policy)).isEmpty)
    }

    @Test("a cap refusal that a swap with the advert's holder lets in is a false claim: a generated region's plain mechanism")
    func swappable() throws {
        let market = try CapRepairTests.region(seed: 112)
        var policy = try Self.policy("een-thuis-voor-iedereen.toml")
        let floor = try #require(policy.quotas.firstIndex { $0.kind == .floor })
        policy.quotas[floor].amount = .share(0.95)
        // The plain mechanism leaves a refusal that only the swap lets in (the change without it
        // puts daeb-free-share over), which the repair now makes.
        let plain = Allocator.allocate(market, policy, repairingCaps: false)
        let swaps = CapRepairTests.removableBySwap(market, policy, plain).filter { !$0.why.contains("ends at") }
        try #require(!swaps.isEmpty)
        let problems = Self.problems(market, policy, plain).filter { $0.message.contains("trading places") }
        #expect(problems.count == swaps.count, "\(problems.map(\.description)) \(swaps.map(\.why))")
        #expect(Self.problems(market, policy, Allocator.allocate(market, policy)).isEmpty)
    }

    // MARK: The command, and folders edited by hand

    static func allocateDemo(into directory: URL) throws -> String {
        let out = directory.appendingPathComponent("out").path
        var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"), outPath: out)
        command.ledgerPath = nil
        #expect(command.run().exit == .ok)
        return out
    }

    @Test("the README's demo run verifies, from its files and recomputed from its inputs")
    func demo() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try Self.allocateDemo(into: directory)
        let result = try ThuisProcess.run(["verify", out, "--recompute"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("verified: manifest, 16 lettings, 160 reactions and 11 quota rows hold; recomputed"))
    }

    /// Replaces lines of a file of the folder by `edit`, and rewrites the manifest so only the
    /// content checks can catch it (`rehash: false` leaves the manifest as it was).
    static func edit(_ out: String, _ name: String, rehash: Bool = true, _ edit: (inout [String]) throws -> Void) throws {
        let url = URL(fileURLWithPath: out).appendingPathComponent(name)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try edit(&lines)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        guard rehash else { return }
        let names = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != OutputFolder.manifestName }.sorted()
        let manifest = try names.map { "\(try Fingerprint.sha256(files: [out + "/" + $0]))  \($0)\n" }.joined()
        try manifest.write(toFile: out + "/" + OutputFolder.manifestName, atomically: true, encoding: .utf8)
    }

    /// Runs verify on an edited copy of the demo result and returns its stderr, expecting 65.
    static func verifyEdited(rehash: Bool = true, _ name: String, _ edit: (inout [String]) throws -> Void) throws -> String {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try allocateDemo(into: directory)
        try Self.edit(out, name, rehash: rehash, edit)
        let result = try ThuisProcess.run(["verify", out])
        #expect(result.exitCode == 65)
        return result.stderr.replacingOccurrences(of: out + "/", with: "")
    }

    static func index(_ lines: [String], _ prefix: String) throws -> Int {
        try #require(lines.firstIndex { $0.hasPrefix(prefix) }, "no line \(prefix)")
    }

    @Test("a file changed after the run fails the manifest")
    func manifest() throws {
        let stderr = try Self.verifyEdited(rehash: false, "allocations.csv") { lines in lines.append("") }
        #expect(stderr.contains("allocations.csv:0:0: error: MANIFEST_MISMATCH: allocations.csv is not as manifest.sha256 lists it"))
    }

    @Test("a candidates row deleted (manifest rehashed) fails against summary.json's counts, at any place",
          arguments: ["an ineligible row", "the last place", "a middle place"])
    func deletedRow(_ which: String) throws {
        let stderr = try Self.verifyEdited("candidates.csv") { lines in
            // Columns: advert_id,household_id,preference,eligible,reason,position,...
            let rows = lines.indices.dropFirst().filter { lines[$0].hasPrefix("P02,") }
            let places = rows.compactMap { i in Int(lines[i].split(separator: ",", omittingEmptySubsequences: false)[5]).map { (i, $0) } }
            let row: Int
            switch which {
            case "an ineligible row": row = try Self.index(lines, "P01,H11,")
            case "the last place": row = try #require(places.max { $0.1 < $1.1 }).0
            default: row = try #require(places.first { $0.1 == 2 }).0
            }
            lines.remove(at: row)
        }
        #expect(stderr.contains("error: REPORT_MISMATCH: 16 adverts and 159 reactions"), "\(stderr)")
        #expect(stderr.contains("but summary.json counts 16 adverts and 160 reactions"), "\(stderr)")
        // publication.csv names the advert that lost the row.
        let advert = which == "an ineligible row" ? "P01" : "P02"
        #expect(stderr.contains("publication.csv:\(advert == "P01" ? 2 : 3):1: error: REPORT_MISMATCH: \(advert) had"), "\(stderr)")
    }

    @Test("a line deleted from any file, the hashes remade under Thuis's own comments, fails at the manifest's line count",
          arguments: ["allocations.csv", "candidates.csv", "publication.csv", "quota-report.csv", "toewijzingen.xml"])
    func deletedLine(_ name: String) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try Self.allocateDemo(into: directory)
        let manifestPath = out + "/" + OutputFolder.manifestName
        let written = try String(contentsOfFile: manifestPath, encoding: .utf8)
        #expect(written.contains("# lines 12  quota-report.csv\n"), "\(written)")
        try Self.edit(out, name, rehash: false) { lines in lines.remove(at: 2) }
        // The hashes remade as sha256sum would, Thuis's comment lines (mark, line counts) kept.
        let comments = written.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != OutputFolder.manifestName }.sorted()
        let hashes = try names.map { "\(try Fingerprint.sha256(files: [out + "/" + $0]))  \($0)" }
        try ([comments[0]] + hashes + Array(comments.dropFirst())).map { "\($0)\n" }.joined().write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let result = try ThuisProcess.run(["verify", out])
        #expect(result.exitCode == 65)
        let count = written.split(separator: "\n").first { $0.hasSuffix("  \(name)") && $0.hasPrefix("# lines ") }.flatMap { Int($0.split(separator: " ")[2]) }
        let lines = try #require(count)
        #expect(result.stderr.contains("\(out)/\(name):\(lines):1: error: REPORT_MISMATCH: \(name) has \(lines - 1) lines, but the run wrote \(lines) (manifest.sha256): a line was deleted"),
                "\(result.stderr)")
    }

    @Test("two lettings swapped: each household now holds an advert its row does not say it got")
    func swapped() throws {
        // P01 (H03) and P05 (H14): H03 never reacted to P05, H14's row at P01 says ranked_below.
        let stderr = try Self.verifyEdited("allocations.csv") { lines in
            let p01 = try Self.index(lines, "P01,"), p05 = try Self.index(lines, "P05,")
            lines[p01] = lines[p01].replacingOccurrences(of: "P01,H03,", with: "P01,H14,")
            lines[p05] = lines[p05].replacingOccurrences(of: "P05,H14,", with: "P05,H03,")
        }
        #expect(stderr.contains("allocations.csv:2:1: error: "))
        #expect(stderr.contains("INELIGIBLE_LETTING: P05 is let to H03, which has no reaction to it in candidates.csv"))
        #expect(stderr.contains("FALSE_CLAIM: H03 at P01: the outcome is false: it is not let this advert by the mechanism"))
    }

    @Test("a letting to an ineligible reaction fails at its row")
    func ineligible() throws {
        // H11's reaction to P01 is excluded by P01's age rule (CRITERION_AGE).
        let stderr = try Self.verifyEdited("allocations.csv") { lines in
            let p01 = try Self.index(lines, "P01,")
            lines[p01] = lines[p01].replacingOccurrences(of: "P01,H03,", with: "P01,H11,")
        }
        #expect(stderr.contains("allocations.csv:2:1: error: INELIGIBLE_LETTING: P01 is let to H11, whose reaction is not eligible"))
    }

    @Test("a cap exceeded by the mechanism fails, even with the report made to agree")
    func capExceeded() throws {
        // P01 is let by ranking to H03; count that letting against MIT's DAEB free share (a cap of 0).
        let stderr = try Self.verifyEdited("allocations.csv") { lines in
            let p01 = try Self.index(lines, "P01,")
            #expect(lines[p01].hasSuffix(",MIT,,WK034401,BU03440101,MIT:LOM-1,1,"))
            lines[p01] += "daeb-free-share"
        }
        #expect(stderr.contains("REPORT_MISMATCH: daeb-free-share corporation MIT: achieved 0, but the lettings counting against it add up to 1"))
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try Self.allocateDemo(into: directory)
        try Self.edit(out, "allocations.csv") { lines in lines[try Self.index(lines, "P01,")] += "daeb-free-share" }
        try Self.edit(out, "quota-report.csv") { lines in
            let row = try Self.index(lines, "daeb-free-share,cap,,corporation MIT,")
            let fields = lines[row].split(separator: ",", omittingEmptySubsequences: false)
            #expect(fields[8] == "0")
            lines[row] = (fields[..<8] + ["1"] + fields[9...]).joined(separator: ",")
        }
        let result = try ThuisProcess.run(["verify", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("CAP_EXCEEDED: daeb-free-share corporation MIT: 1 against a cap of 0, and 1 of it let by the mechanism"))
    }

    @Test("an outcome that is not true fails at its row: a false 'housed at an advert it wanted more'")
    func falseOutcome() throws {
        let stderr = try Self.verifyEdited("candidates.csv") { lines in
            // H05 is not housed; claim it was housed where it preferred.
            let row = try Self.index(lines, "P04,H05,")
            lines[row] = lines[row].replacingOccurrences(of: ",cap:passend-exceptions", with: ",housed_preferred")
        }
        #expect(stderr.contains("FALSE_CLAIM: H05 at P04: the outcome is false: it is not housed at an advert it ranked as more wanted"))
    }

    @Test("a missing or unreadable result is reported, not crashed on")
    func notAResult() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try ThuisProcess.run(["verify", directory.appendingPathComponent("nothing").path])
        #expect(missing.exitCode == 66)
        let out = try Self.allocateDemo(into: directory)
        try Self.edit(out, "candidates.csv") { lines in lines[3] = "P01,H04,one,true,,2,,1,,ranked_below" }
        let result = try ThuisProcess.run(["verify", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("candidates.csv:4:9: error: NOT_A_RESULT: \"one\" is not a whole number"))
    }

    // MARK: The bound

    @Test("the floor bound is the maximum weight of a matching, by brute force on small graphs", arguments: Array(UInt64(1)...300))
    func bound(_ seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let households = Int(rng.next() % 7) + 1, adverts = Int(rng.next() % 6) + 1
        var bound = FloorBound()
        bound.advertCount = adverts
        for _ in 0..<households {
            bound.adverts.append((0..<adverts).filter { _ in rng.next() % 3 == 0 }.map(Int32.init))
            bound.weights.append(Int(rng.next() % 4) + 1)
        }
        // Every assignment of households to an advert or none, adverts used once.
        func best(_ h: Int, _ used: Set<Int32>) -> Int {
            guard h < households else { return 0 }
            var result = best(h + 1, used)
            for a in bound.adverts[h] where !used.contains(a) { result = max(result, bound.weights[h] + best(h + 1, used.union([a]))) }
            return result
        }
        #expect(bound.maximum() == best(0, []), "seed \(seed)")
    }
}

/// summary.json names the exports and the policy by absolute path and SHA-256, so `explain` and
/// `verify --recompute` work from any folder, and find a moved export by its hash.
@Suite(.timeLimit(.minutes(3))) struct MovedInputTests {
    @Test("an export that moved: refused with where to point, found with --export, a different file refused")
    func movedExport() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("night.xml").path
        try FileManager.default.copyItem(atPath: Fixtures.demoRegion, toPath: export)
        // A relative path, from the temporary folder: summary.json makes it absolute.
        let run = try ThuisProcess.run(["allocate", "--no-ledger", "--export", "night.xml", "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                        "--out", "out"], in: directory)
        #expect(run.exitCode == 0)
        let summary = try String(contentsOfFile: directory.appendingPathComponent("out/summary.json").path, encoding: .utf8)
        #expect(summary.contains("\"\(export)\""))
        #expect(summary.contains(try Fingerprint.sha256(files: [export])))
        let out = directory.appendingPathComponent("out").path
        #expect(try ThuisProcess.run(["explain", "--out", out, "--household", "H05"]).exitCode == 0)

        let archived = directory.appendingPathComponent("archive-night.xml").path
        try FileManager.default.moveItem(atPath: export, toPath: archived)
        let lost = try ThuisProcess.run(["explain", "--out", out, "--household", "H05"])
        #expect(lost.exitCode == 66)
        #expect(lost.stderr.contains("FILE_NOT_FOUND: the run's export \(export) is no longer there; give its new place with --export FILE"))
        let found = try ThuisProcess.run(["explain", "--out", out, "--household", "H05", "--export", archived])
        #expect(found.exitCode == 0)
        #expect(found.stdout.contains("Household H05:"))
        #expect(try ThuisProcess.run(["verify", out, "--export", archived]).exitCode == 0)

        let other = directory.appendingPathComponent("other.xml").path
        try (try String(contentsOfFile: archived, encoding: .utf8) + "\n").write(toFile: other, atomically: true, encoding: .utf8)
        let wrong = try ThuisProcess.run(["explain", "--out", out, "--household", "H05", "--export", other])
        #expect(wrong.exitCode == 65)
        #expect(wrong.stderr.contains("BATCH_MISMATCH: \(other) is not the export this run read: its SHA-256 differs"))
    }
}

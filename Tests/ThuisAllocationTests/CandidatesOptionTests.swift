import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisReports
import ThuisTestSupport

/// `thuis allocate --candidates all|eligible|none`: a run that does not want the whole
/// candidates.csv gets the eligible rows or none, every other output as before, and `verify`
/// checks what the folder holds and says what it could not.
@Suite(.timeLimit(.minutes(3))) struct CandidatesOptionTests {
    /// The demo allocated with `content` into `directory/content`.
    static func allocate(_ content: CandidatesContent, into directory: URL) throws -> String {
        let out = directory.appendingPathComponent(content.rawValue).path
        var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"), outPath: out)
        command.ledgerPath = nil
        command.candidates = content
        let outcome = command.run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        return out
    }

    static func file(_ out: String, _ name: String) -> String? {
        try? String(contentsOfFile: out + "/" + name, encoding: .utf8)
    }

    @Test("eligible lists the eligible rows of the whole file, none leaves it out; the other outputs are the same")
    func outputs() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let all = try Self.allocate(.all, into: directory), eligible = try Self.allocate(.eligible, into: directory)
        let none = try Self.allocate(.none, into: directory)
        let whole = try #require(Self.file(all, "candidates.csv")).split(separator: "\n").map(String.init)
        // Columns: advert_id,household_id,preference,eligible,...
        let expected = [whole[0]] + whole.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[3] == "true" }
        #expect(expected.count < whole.count, "the demo has ineligible reactions")
        #expect(Self.file(eligible, "candidates.csv") == expected.map { $0 + "\n" }.joined())
        #expect(Self.file(none, "candidates.csv") == nil)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: none)) == Set(AllocateCommand.outputs).subtracting(["candidates.csv"]))
        for name in ["toewijzingen.xml", "allocations.csv", "quota-report.csv", "publication.csv"] {
            #expect(Self.file(eligible, name) == Self.file(all, name), "\(name)")
            #expect(Self.file(none, name) == Self.file(all, name), "\(name)")
        }
        // summary.json records the choice, and only when it is not the default.
        #expect(Self.file(all, "summary.json")?.contains("\"candidates\"") == false)
        #expect(Self.file(eligible, "summary.json")?.contains("\"candidates\" : \"eligible\"") == true)
        #expect(Self.file(none, "summary.json")?.contains("\"candidates\" : \"none\"") == true)
    }

    @Test("verify checks the rows the folder holds, says what it could not, and recomputes what is missing")
    func verify() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let eligible = try Self.allocate(.eligible, into: directory), none = try Self.allocate(.none, into: directory)
        let checked = try ThuisProcess.run(["verify", eligible, "--recompute"])
        #expect(checked.exitCode == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("16 lettings, 151 eligible reactions (candidates.csv lists no others) and 11 quota rows hold; recomputed"), "\(checked.stdout)")
        let alone = try ThuisProcess.run(["verify", none])
        #expect(alone.exitCode == 0, "\(alone.stderr)")
        #expect(alone.stdout.contains("16 lettings, no reactions (the run wrote no candidates.csv: give --recompute to check them)"), "\(alone.stdout)")
        let recomputed = try ThuisProcess.run(["verify", none, "--recompute"])
        #expect(recomputed.exitCode == 0, "\(recomputed.stderr)")
        #expect(recomputed.stdout.contains("16 lettings, 160 reactions and 11 quota rows hold; recomputed"), "\(recomputed.stdout)")
        let explained = try ThuisProcess.run(["explain", "--out", none, "--household", "H03"])
        #expect(explained.exitCode == 0 && explained.stdout.contains("Housed: P01"), "\(explained.stderr)")
    }

    @Test("an ineligible row added to a file of eligible rows, or an eligible row deleted, fails")
    func editedEligible() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try Self.allocate(.eligible, into: directory)
        // H11's reaction to P01 is excluded by P01's age rule.
        try VerifyTests.edit(out, "candidates.csv") { lines in lines.insert("P01,H11,2,false,CRITERION_AGE,,,,,", at: 1) }
        let added = try ThuisProcess.run(["verify", out])
        #expect(added.exitCode == 65)
        #expect(added.stderr.contains("candidates.csv:2:11: error: NOT_A_RESULT: summary.json says this candidates.csv lists only the eligible reactions"),
                "\(added.stderr)")
        try VerifyTests.edit(out, "candidates.csv") { lines in lines.removeSubrange(1...2) }
        let deleted = try ThuisProcess.run(["verify", out])
        #expect(deleted.exitCode == 65)
        #expect(deleted.stderr.contains("150 reactions (150 eligible) in the files, but summary.json counts 16 adverts and 160 reactions (151 eligible, which candidates.csv lists alone)"),
                "\(deleted.stderr)")
    }

    @Test("without candidates.csv, lettings swapped by hand still fail: against the recomputed run, and on the caps and floors")
    func editedNone() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try Self.allocate(.none, into: directory)
        try VerifyTests.edit(out, "allocations.csv") { lines in
            let p01 = try VerifyTests.index(lines, "P01,"), p05 = try VerifyTests.index(lines, "P05,")
            lines[p01] = lines[p01].replacingOccurrences(of: "P01,H03,", with: "P01,H14,")
            lines[p05] = lines[p05].replacingOccurrences(of: "P05,H14,", with: "P05,H03,")
        }
        let result = try ThuisProcess.run(["verify", out, "--recompute"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("INELIGIBLE_LETTING: P05 is let to H03, which has no reaction to it in candidates.csv"), "\(result.stderr)")
        #expect(result.stderr.contains("BATCH_MISMATCH: recomputing the run from its export and policy gives another allocations.csv"), "\(result.stderr)")
    }

    @Test("a summary that names a kind of candidates.csv Thuis does not write is not a result")
    func unknownContent() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try Self.allocate(.none, into: directory)
        try VerifyTests.edit(out, "summary.json") { lines in
            let i = try #require(lines.firstIndex { $0.contains("\"candidates\" : \"none\"") })
            lines[i] = lines[i].replacingOccurrences(of: "\"none\"", with: "\"some\"")
        }
        let result = try ThuisProcess.run(["verify", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("NOT_A_RESULT") && result.stderr.contains("lists 'some', which is not one of all, eligible, none"), "\(result.stderr)")
    }

    @Test("the option's values; another is a usage error")
    func usage() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try ThuisProcess.run(["allocate", "--no-ledger", "--export", Fixtures.demoRegion, "--policy",
                                           Fixtures.path("policies/een-thuis-voor-iedereen.toml"), "--out", directory.appendingPathComponent("out").path, "--candidates", "some"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--candidates"), "\(result.stderr)")
    }
}

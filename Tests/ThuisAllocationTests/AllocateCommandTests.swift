import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// `thuis allocate` as a user runs it: outputs, determinism, refusals, and all-or-nothing writes.
@Suite(.timeLimit(.minutes(3))) struct AllocateCommandTests {
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")

    /// A run without a ledger (these tests are about the outputs).
    static func oneOff(_ exports: [String], policy: String = AllocateCommandTests.policy, out: String) -> AllocateCommand {
        var command = AllocateCommand(exports: exports, policyPath: policy, outPath: out)
        command.ledgerPath = nil
        return command
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    @Test("the README's main command prints its summary and writes the five outputs")
    func mainCommand() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let result = try ThuisProcess.run(["allocate", "--no-ledger", "--export", Fixtures.demoRegion, "--policy", Self.policy, "--out", out.path])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("16 of 16 adverts let"))
        #expect(result.stdout.contains("aandachtsgroepen-30 municipality 0344: floor 3, achieved 5 — met"))
        #expect(result.stdout.contains("Passend share: 12 of 12"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path)) == Set(AllocateCommand.outputs))
        let allocations = try String(contentsOf: out.appendingPathComponent("allocations.csv"), encoding: .utf8)
        #expect(allocations.hasPrefix("advert_id,household_id,position,reserved_for,groups,how,published,municipality,corporation,stadsdeel,wijk,buurt,complex,persons,counts_against\nP01,H03,1,,,ranking,2026-11-04,0344,MIT,,WK034401,BU03440101,MIT:LOM-1,1,\nP02,H09,2,aandachtsgroepen-30,urgenten;aandachtsgroepen,ranking,2026-11-04,0344,MIT,,WK034403,BU03440301,MIT:KAN-2,2,\n"))
        let candidates = try String(contentsOf: out.appendingPathComponent("candidates.csv"), encoding: .utf8)
        #expect(candidates.hasPrefix("advert_id,household_id,preference,eligible,reason,position,groups,persons,counts_against,outcome\n"))
        #expect(candidates.contains("\nP01,H11,3,false,CRITERION_AGE,,,,,\n"))
        #expect(candidates.split(separator: "\n").count == 161)
        let quotas = try String(contentsOf: out.appendingPathComponent("quota-report.csv"), encoding: .utf8)
        #expect(quotas.hasPrefix("quota,kind,group,scope,period,unit,target,reserved,achieved,shortfall,bound,reason\naandachtsgroepen-30,floor,aandachtsgroepen,municipality 0321,batch,households,2,1,3,0,,met\n"))
    }

    @Test("same export, policy and seed give byte-identical outputs, also with the records shuffled")
    func byteIdentical() throws {
        let text = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Reverse the order of reactions and of adverts (one record per line in the demo).
        for prefix in ["    <Reactie ", "    <Publicatie "] {
            let indices = lines.indices.filter { lines[$0].hasPrefix(prefix) }
            for (i, line) in zip(indices, indices.map { lines[$0] }.reversed()) { lines[i] = line }
        }
        var outputs: [[String: Data]] = []
        for export in [text, text, lines.joined(separator: "\n")] {
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            try export.write(to: directory.appendingPathComponent("export.xml"), atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: Self.policy, toPath: directory.appendingPathComponent("policy.toml").path)
            let result = try ThuisProcess.run(["allocate", "--export", "export.xml", "--policy", "policy.toml", "--out", "out", "--seed", "99", "--create-ledger"],
                                              in: directory)
            #expect(result.exitCode == 0)
            outputs.append(try Self.files(in: directory.appendingPathComponent("out")))
        }
        // summary.json names the input files (in three folders here, the third with other bytes)
        // and the batch (its id follows the export's bytes), and the manifest hashes it;
        // everything else is the same to the byte.
        func contentOnly(_ files: [String: Data]) throws -> [String: Data] {
            var files = files
            files["manifest.sha256"] = nil
            var summary = try #require(try JSONSerialization.jsonObject(with: files["summary.json"] ?? Data()) as? [String: Any])
            var run = try #require(summary["run"] as? [String: Any])
            for key in ["exports", "exportSHA256", "policyFile", "policySHA256"] { run[key] = nil }
            summary["run"] = run
            // The default batch id is the peildatum and the start of the export's SHA-256.
            summary["ledgerBatch"] = nil
            files["summary.json"] = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            return files
        }
        #expect(outputs[0].count == AllocateCommand.outputs.count)
        #expect(try contentOnly(outputs[0]) == contentOnly(outputs[1]))
        #expect(try contentOnly(outputs[0]) == contentOnly(outputs[2]))
    }

    /// (file, code, line) for each bad policy.
    static let badPolicies: [(String, String, Int)] = [
        ("aftoppingsgrens-order.toml", "INVALID_VALUE", 3),
        ("floor-above-cap.toml", "INCONSISTENT_QUOTAS", 13),
        ("floors-over-all.toml", "INCONSISTENT_QUOTAS", 13),
        ("impossible-share.toml", "INVALID_VALUE", 10),
        ("invalid-category.toml", "INVALID_CODE", 4),
        ("overlapping-groups.toml", "INCONSISTENT_QUOTAS", 13),
        ("syntax-error.toml", "POLICY_SYNTAX", 4),
        ("unknown-group.toml", "UNKNOWN_GROUP", 8),
        ("unknown-key.toml", "UNKNOWN_KEY", 5),
        ("unknown-ranking-key.toml", "INVALID_VALUE", 4),
        ("wrong-type.toml", "WRONG_TYPE", 2),
    ]

    @Test("every bad policy fixture has an expectation")
    func badPoliciesCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("policies/invalid")).sorted()
        #expect(files == Self.badPolicies.map(\.0).sorted())
    }

    @Test("a bad policy exits 65 with a located error, and nothing is written", arguments: badPolicies)
    func badPolicy(_ file: String, _ code: String, _ line: Int) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        let path = Fixtures.path("policies/invalid/\(file)")
        let outcome = Self.oneOff([Fixtures.demoRegion], policy: path, out: out).run()
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.hasPrefix("\(path):\(line):"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(": error: \(code): "))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a bad export exits 65 and leaves an earlier result untouched")
    func badExportKeepsEarlierResult() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        #expect(Self.oneOff([Fixtures.demoRegion], policy: Self.policy, out: out).run().exit == .ok)
        let before = try Self.files(in: URL(fileURLWithPath: out))
        let outcome = Self.oneOff([Fixtures.path("invalid/unknown-advert.xml")], policy: Self.policy, out: out).run()
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.contains("error: UNKNOWN_ADVERT"))
        #expect(try Self.files(in: URL(fileURLWithPath: out)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out"])
    }

    @Test("an output folder holding other files is refused with 73 and left alone")
    func foreignFolder() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "keep me".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let outcome = Self.oneOff([Fixtures.demoRegion], policy: Self.policy, out: directory.path).run()
        #expect(outcome.exit == .cannotCreate)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["notes.txt"])
    }

    @Test("an unwritable place exits 73 with nothing partial")
    func unwritable() throws {
        let outcome = Self.oneOff([Fixtures.demoRegion], policy: Self.policy, out: "/proc/thuis-out").run()
        #expect(outcome.exit == .cannotCreate)
        #expect(outcome.stderr.contains("error: CANNOT_CREATE_OUTPUT"))
    }

    @Test("toewijzingen.xml validates against its XSD")
    func toewijzingenSchema() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        #expect(Self.oneOff([Fixtures.demoRegion], policy: Self.policy, out: out.path).run().exit == .ok)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", "--schema", Fixtures.path("schema/thuis-toewijzingen-1.0.xsd"),
                             out.appendingPathComponent("toewijzingen.xml").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let xml = try String(contentsOf: out.appendingPathComponent("toewijzingen.xml"), encoding: .utf8)
        #expect(xml.contains(#"<Toewijzing publicatie="P16" eenheid="E16" relatie="H48""#))
        #expect(xml.contains(#"<Voorrangsregeling id="V48" soort="URG" detailSoort="HUI"/>"#))
    }

    @Test("explain tells a complaints officer why, in plain language")
    func explain() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        #expect(Self.oneOff([Fixtures.demoRegion], policy: Self.policy, out: out).run().exit == .ok)
        let result = try ThuisProcess.run(["explain", "--out", out, "--household", "H05", "--advert", "P03"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Household H05:"))
        #expect(result.stdout.contains("Not housed in this batch."))
        #expect(result.stdout.contains("1. P04:"))
        #expect(result.stdout.contains("This household was turned away here by the cap passend-exceptions (corporation POR: at most 0; it ends at 0, and with this household here it would be 1)."))
        #expect(result.stdout.contains("H19 came first because it holds a valid priority status here (URG/STA) and this household does not."))
        #expect(result.stdout.contains("Advert P03:"))
        #expect(result.stdout.contains("   3. H19  <- got it"))
        let unknown = try ThuisProcess.run(["explain", "--out", out, "--household", "H99"])
        #expect(unknown.exitCode == 65)
        #expect(unknown.stderr.contains("UNKNOWN_HOUSEHOLD"))
    }
}

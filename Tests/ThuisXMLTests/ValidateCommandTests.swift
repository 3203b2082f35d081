import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

@Suite(.timeLimit(.minutes(3))) struct ValidateCommandTests {
    @Test("thuis validate on the demo region exits 0 and prints the summary")
    func demoRegionCLI() throws {
        let result = try ThuisProcess.run(["validate", Fixtures.demoRegion])
        #expect(result.exitCode == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("Batch Demo Utrecht-Zuid, peildatum 2026-11-25"))
        #expect(result.stdout.contains("Relatie             48        48         0"))
        #expect(result.stdout.contains("Reactions per advert: min 4, median 10.5, max 16"))
        #expect(result.stdout.contains("  STA  4"))
    }

    @Test("--format json gives the same figures for machines")
    func json() throws {
        let result = try ThuisProcess.run(["validate", "--format", "json", Fixtures.demoRegion])
        #expect(result.exitCode == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["households"] as? Int == 48)
        #expect((summary["householdsWithValidPriority"] as? [String: Int])?["STA"] == 4)
        let counts = try #require(object["counts"] as? [String: [String: Int]])
        #expect(counts["Reactie"] == ["read": 160, "accepted": 160, "rejected": 0])
    }

    @Test("json lists errors with code and location")
    func jsonErrors() throws {
        let result = try ThuisProcess.run(["validate", "--format", "json", Fixtures.path("invalid/unknown-advert.xml")])
        #expect(result.exitCode == 65)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.first?["code"] as? String == "UNKNOWN_ADVERT")
        #expect(errors.first?["line"] as? Int == 9)
    }

    @Test("a usage error exits 64")
    func usage() throws {
        let result = try ThuisProcess.run(["validate", "--format", "yaml", Fixtures.demoRegion])
        #expect(result.exitCode == 64)
    }
}

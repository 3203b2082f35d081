import Foundation
import Testing
import ThuisTestSupport

/// The exact bytes of the demo's outputs, pinned in `Fixtures/expected/`: any change to what a
/// corporation receives shows in the diff of a commit. `THUIS_RECORD_GOLDEN=1 swift test --filter
/// GoldenOutputTests` writes them again (review the diff before committing it).
@Suite(.timeLimit(.minutes(2))) struct GoldenOutputTests {
    static let record = ProcessInfo.processInfo.environment["THUIS_RECORD_GOLDEN"] == "1"

    /// Each scenario: its folder under Fixtures/expected/ and the allocate arguments that make it.
    static let scenarios: [(String, [String])] = [
        ("demo", ["--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml")]),
        ("demo-from-vera", ["--vera", Fixtures.path("vera/demo-region"), "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml")]),
        ("demo-sequential", ["--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                             "--mechanism", "sequential", "--seed", "11"]),
    ]

    /// A file's bytes with the run's own absolute paths (the repository, the temporary folder)
    /// made neutral, so the pinned files do not depend on where the repository is cloned; the
    /// manifest's line for summary.json goes, as its digest covers those paths.
    static func normalized(_ name: String, _ data: Data, directory: URL) -> Data {
        guard name == "summary.json" || name == "manifest.sha256" else { return data }
        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: Fixtures.root.path, with: "<repository>")
            .replacingOccurrences(of: directory.path, with: "<run>")
        if name == "manifest.sha256" {
            text = text.split(separator: "\n").filter { !$0.hasSuffix("  summary.json") }.map { $0 + "\n" }.joined()
        }
        return Data(text.utf8)
    }

    @Test("the demo's result folders and VERA results are byte for byte the pinned ones", arguments: scenarios.map(\.0))
    func pinned(_ scenario: String) throws {
        let arguments = try #require(Self.scenarios.first { $0.0 == scenario }).1
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), vera = directory.appendingPathComponent("vera")
        let run = try ThuisProcess.run(["allocate", "--no-ledger", "--quiet"] + arguments + ["--out", out.path, "--vera-out", vera.path])
        #expect(run.exitCode == 0, "\(run.stderr)")
        for (folder, expectedFolder) in [(out, "expected/\(scenario)/out"), (vera, "expected/\(scenario)/vera")] {
            let expected = URL(fileURLWithPath: Fixtures.path(expectedFolder))
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            if Self.record {
                try? FileManager.default.removeItem(at: expected)
                try FileManager.default.createDirectory(at: expected, withIntermediateDirectories: true)
            }
            for name in names {
                let bytes = Self.normalized(name, try Data(contentsOf: folder.appendingPathComponent(name)), directory: directory)
                if Self.record { try bytes.write(to: expected.appendingPathComponent(name)) }
                let pinned = try Data(contentsOf: expected.appendingPathComponent(name))
                #expect(bytes == pinned, "\(scenario): \(name) differs from Fixtures/\(expectedFolder)/\(name)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: expected.path).sorted() == names)
        }
    }
}

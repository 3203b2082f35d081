import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// Sweeps split into shards and merged give exactly the single-process result.
@Suite(.timeLimit(.minutes(3))) struct SweepTests {
    static let arguments = ["sweep", "--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                            "--vary", "quotas.aandachtsgroepen-30.share=0:0.6:0.2", "--vary", "ranking.lottery_share=0:0.2:0.2",
                            "--seeds", "3"]

    @Test("N shard processes plus merge equal one process, byte for byte")
    func shardsMerge() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = directory.appendingPathComponent("whole")
        let page = directory.appendingPathComponent("whole.html").path, mergedPage = directory.appendingPathComponent("merged.html").path
        #expect(try ThuisProcess.run(Self.arguments + ["--out", whole.path, "--html", page]).exitCode == 0)
        var shards: [String] = []
        for i in 0..<4 {
            let out = directory.appendingPathComponent("shard-\(i)").path
            #expect(try ThuisProcess.run(Self.arguments + ["--out", out, "--shard", "\(i)/4"]).exitCode == 0)
            shards.append(out)
        }
        let merged = directory.appendingPathComponent("merged")
        #expect(try ThuisProcess.run(["merge", "--out", merged.path, "--html", mergedPage] + shards.reversed()).exitCode == 0)
        // The merged page is the single process's page.
        #expect(FileManager.default.contents(atPath: page) != nil && FileManager.default.contents(atPath: page) == FileManager.default.contents(atPath: mergedPage))
        for file in ["sweep.csv", "measures.csv", "differences.csv", "summary.json"] {
            let a = FileManager.default.contents(atPath: whole.appendingPathComponent(file).path)
            let b = FileManager.default.contents(atPath: merged.appendingPathComponent(file).path)
            #expect(a != nil && a == b, "\(file)")
        }
        let rows = try String(contentsOf: whole.appendingPathComponent("sweep.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 8 * 3)   // 4 x 2 grid points, 3 seeds each
        // A missing shard is refused.
        let partial = try ThuisProcess.run(["merge", "--out", directory.appendingPathComponent("partial").path] + shards.dropLast())
        #expect(partial.exitCode == 65)
    }

    @Test("each grid point against the baseline, paired by seed: the mean of the differences, with their interval")
    func baseline() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        let run = try ThuisProcess.run(["sweep", "--quiet", "--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/wachttijd-met-quotum.toml"),
                                        "--vary", "quotas.aandachtsgroepen.share=0:0.6:0.3", "--baseline", "quotas.aandachtsgroepen.share=0.3",
                                        "--seeds", "3", "--out", out])
        #expect(run.exitCode == 0, "\(run.stderr)")
        func rows(_ file: String) throws -> [[String]] {
            try String(contentsOfFile: out + "/" + file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let measures = try rows("measures.csv"), differences = try rows("differences.csv")
        func value(_ point: String, _ seed: String, _ group: String, _ measure: String) throws -> Double {
            let row = try #require(measures.first { $0[1] == point && $0[3] == seed && $0[4] == "region" && $0[5] == group && $0[6] == measure })
            return try #require(Double(row[7]))
        }
        // The baseline is not compared with itself; the other points are.
        #expect(!differences.dropFirst().contains { $0[0] == "quotas.aandachtsgroepen.share=0.3" })
        let row = try #require(differences.first { $0[0] == "quotas.aandachtsgroepen.share=0" && $0[2] == "region" && $0[3] == "regular" && $0[4] == "success_rate" })
        #expect(row[1] == "quotas.aandachtsgroepen.share=0.3" && row[5] == "3")
        let paired = try ["1", "2", "3"].map { try value("quotas.aandachtsgroepen.share=0", $0, "regular", "success_rate")
            - value("quotas.aandachtsgroepen.share=0.3", $0, "regular", "success_rate") }
        let difference = try #require(Double(row[12]))
        #expect(abs(difference - paired.reduce(0, +) / 3) < 1e-4)
        #expect(paired.reduce(0, +) > 0, "without the floor regular seekers do better")
        // A baseline that is no grid point is a usage error.
        let wrong = try ThuisProcess.run(["sweep", "--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/wachttijd-met-quotum.toml"),
                                          "--vary", "quotas.aandachtsgroepen.share=0:0.6:0.3", "--baseline", "quotas.aandachtsgroepen.share=0.2",
                                          "--out", directory.appendingPathComponent("wrong").path])
        #expect(wrong.exitCode == 64)
    }

    @Test("markets generated from a profile: the page's intervals are over the markets, and shards merge to the single process's files and page")
    func markets() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["sweep", "--quiet", "--profile", "nightly", "--markets", "3", "--scale", "0.1", "--seeds", "2",
                         "--policy", Fixtures.path("policies/wachttijd-met-quotum.toml"), "--vary", "quotas.aandachtsgroepen.share=0:0.6:0.6"]
        let whole = directory.appendingPathComponent("whole").path, page = directory.appendingPathComponent("whole.html").path
        #expect(try ThuisProcess.run(arguments + ["--out", whole, "--html", page]).exitCode == 0)
        let rows = try String(contentsOfFile: whole + "/sweep.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 2 * 3 * 2)
        #expect(rows[0].hasPrefix("scenario,quotas.aandachtsgroepen.share,market,seed,lettings,"))
        // Markets innermost but for the seeds: scenario 2 is the first grid point on market 2, seed 1.
        #expect(rows[3].hasPrefix("2,0,2,1,"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("with 95% Student-t intervals over the markets (n = 3)"))
        var parts: [String] = []
        for i in 0..<2 {
            parts.append(directory.appendingPathComponent("part-\(i)").path)
            #expect(try ThuisProcess.run(arguments + ["--out", parts[i], "--shard", "\(i)/2"]).exitCode == 0)
        }
        let merged = directory.appendingPathComponent("merged").path, mergedPage = directory.appendingPathComponent("merged.html").path
        #expect(try ThuisProcess.run(["merge", "--out", merged, "--html", mergedPage] + parts).exitCode == 0)
        for file in ["sweep.csv", "measures.csv", "differences.csv"] {
            #expect(FileManager.default.contents(atPath: whole + "/" + file) == FileManager.default.contents(atPath: merged + "/" + file), "\(file)")
        }
        // A shard given twice is refused, not counted twice.
        let twice = try ThuisProcess.run(["merge", "--out", directory.appendingPathComponent("twice").path, parts[0], parts[0], parts[1]])
        #expect(twice.exitCode == 65)
        #expect(twice.stderr.contains("give each shard once"))
        #expect(try String(contentsOfFile: mergedPage, encoding: .utf8) == html)
        // Markets are generated: with an export there is one.
        let wrong = try ThuisProcess.run(["sweep", "--export", Fixtures.demoRegion, "--markets", "2", "--policy", Fixtures.path("policies/wachttijd-met-quotum.toml"),
                                          "--vary", "quotas.aandachtsgroepen.share=0:0.6:0.6", "--out", directory.appendingPathComponent("x").path])
        #expect(wrong.exitCode == 64)
    }

    @Test("an unknown knob is a usage error")
    func unknownKnob() {
        let outcome = SweepCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                   vary: ["ranking.age=0:1:1"], outPath: "/tmp/never-written").run()
        #expect(outcome.exit == .usage)
        #expect(outcome.stderr.contains("cannot be varied"))
    }

    @Test("a higher floor does not lower the priority groups' share; the HTML draws the curve")
    func floorRaisesShare() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var command = SweepCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                   vary: ["quotas.aandachtsgroepen-30.share=0:0.6:0.6"], outPath: directory.path + "/out")
        command.htmlPath = directory.path + "/sweep.html"
        #expect(command.run().exit == .ok)
        let html = try String(contentsOfFile: command.htmlPath!, encoding: .utf8)
        #expect(html.contains("<polyline"))
        let lines = try String(contentsOfFile: directory.path + "/out/sweep.csv", encoding: .utf8).split(separator: "\n")
        let column = try #require(lines[0].split(separator: ",").firstIndex(of: "aandachtsgroepen_lettings"))
        let lettings = lines.dropFirst().map { Int($0.split(separator: ",")[column])! }
        #expect(lettings.count == 2)
        #expect(lettings[1] >= lettings[0])
    }
}

/// Knob ranges from the command line are bounded before anything is built.
@Suite(.timeLimit(.minutes(3))) struct SweepBoundsTests {
    @Test("hostile --vary ranges are usage errors, at once", arguments: [
        "quotas.aandachtsgroepen-30.count=0:1e300:1e299", "quotas.aandachtsgroepen-30.share=0:inf:1",
        "law.daeb_minimum_share=0:5:1", "quotas.aandachtsgroepen-30.share=0:1:0.00001", "ranking.lottery_share=nan:1:0.1",
    ])
    func hostileRange(_ vary: String) {
        let outcome = SweepCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                   vary: [vary], outPath: "unused").run()
        #expect(outcome.exit == .usage, "\(outcome.stderr)")
    }

    @Test("a grid of more than a million scenarios is refused before it is built")
    func hugeGrid() {
        var command = SweepCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                   vary: ["quotas.aandachtsgroepen-30.share=0:1:0.001", "ranking.lottery_share=0:1:0.001"], outPath: "unused")
        command.seeds = 2
        let outcome = command.run()
        #expect(outcome.exit == .usage)
        #expect(outcome.stderr.contains("more than 1000000"))
    }
}

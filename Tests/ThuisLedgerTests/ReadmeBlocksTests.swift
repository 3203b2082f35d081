import Foundation
import Testing
import ThuisCommands
import ThuisLedger
import ThuisTestSupport

/// The documentation's shell blocks run as written: the README's from its own text, in order, in
/// one folder (as a reader would type them in a clone), and the runbook's cron script on a good
/// night and on failing ones.
@Suite(.timeLimit(.minutes(5))) struct ReadmeBlocksTests {
    /// Blocks not run here, by a line they hold, each with why.
    static let notRun: [String: String] = [
        "swift run thuis fetch --vera-url https://wrv.example.nl/v4": "needs a live VERA API (VERAAPITests runs fetch and publish against a local server)",
        "thuis compare --profile region --markets 5 --seeds 5": "minutes of CPU: two policies on five markets of a region's year",
        "thuis generate --profile region --seed 1 --out region.xml": "minutes of CPU: a sweep over a region's year",
        "swift package --package-path Benchmarks benchmark": "the benchmarks, run by hand in release mode",
        "thuis generate --profile region --seed 1 --scale 0.25 --out year.xml": "minutes of CPU: a quarter of a region's year allocated under two policies (AreaScopeTests and MonitorInputTests test the same on smaller inputs)",
    ]

    @Test("every sh block of the README runs as written, in order, in one folder; the skipped ones are named with why")
    func readme() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("Fixtures"),
                                                   withDestinationURL: Fixtures.root.appendingPathComponent("Fixtures"))
        var skipped = Set<String>()
        for block in try ShellBlocks.blocks(inMarkdown: Fixtures.root.appendingPathComponent("README.md").path) {
            if let key = Self.notRun.keys.first(where: { block.text.contains($0) }) {
                skipped.insert(key)
                continue
            }
            let result = try ShellBlocks.run(block.text, in: directory)
            #expect(result.exitCode == 0, "README.md:\(block.line): the block fails (exit \(result.exitCode)):\n\(result.stderr.suffix(2000))")
        }
        #expect(skipped == Set(Self.notRun.keys), "a block named as not run is gone from the README")
        // What the nightly blocks promise: the corrected night offers 7 and keeps 43 let, and the
        // year's page lists the 298 lettings and no refused offer.
        let status = try ThuisProcess.run(["ledger", "status", "--ledger", "week.sqlite"], in: directory)
        #expect(status.stdout.contains("offers: 353 (open 7, accepted 298, refused 48, withdrawn 0)"))
        // The week and its corrected night hold the ledger's rules, and every night verifies against it.
        let offers = try Ledger(path: directory.appendingPathComponent("week.sqlite").path).read { try $0.offers(from: "2026-01-01", until: "2027-01-01") }
        try OfferSeasonTests.checkLedger(offers, maxOpen: 1, night: 29)
        for out in (23...29).map({ "out-\($0)" }) + ["out-29b"] {
            let verified = try ThuisProcess.run(["verify", "--ledger", "week.sqlite", out], in: directory)
            #expect(verified.exitCode == 0, "\(out): \(verified.stderr)")
        }
        let page = try String(contentsOf: directory.appendingPathComponent("lettings-2026.html"), encoding: .utf8)
        #expect(page.contains("298 woning(en) verhuurd"))
        #expect(!page.contains("<td>PN29-0000005</td>") || page.contains("batch night-29b"))
    }

    /// The cron script of Documentation/operations.md.
    static func cronScript() throws -> String {
        let blocks = try ShellBlocks.blocks(inMarkdown: Fixtures.root.appendingPathComponent("Documentation/operations.md").path)
        return try #require(blocks.first { $0.text.hasPrefix("#!/usr/bin/env bash\n# nightly.sh") }).text
    }

    @Test("the runbook's cron script: a good night is recorded, verified and backed up; a failing night exits non-zero with thuis's status and says so in the log")
    func cronScript() throws {
        let home = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let script = home.appendingPathComponent("nightly.sh")
        try Self.cronScript().write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Fixtures.path("policies/nightly-week.toml"), toPath: home.appendingPathComponent("policy.toml").path)
        #expect(try ThuisProcess.run(["ledger", "init", "thuis.sqlite"], in: home).exitCode == 0)
        try FileManager.default.createDirectory(at: home.appendingPathComponent("exports"), withIntermediateDirectories: true)
        var generate = GenerateCommand(profile: .nightly, seed: 23, outPath: home.appendingPathComponent("exports/2026-11-23.xml").path)
        generate.scale = 0.05
        generate.quiet = true
        generate.referenceDate = .init(iso: "2026-11-23")
        #expect(generate.run().exit == .ok)
        func night(_ day: String, _ extra: [String: String] = [:]) throws -> ThuisProcess.Result {
            try ShellBlocks.run("exec bash nightly.sh", in: home, environment: ["THUIS_HOME": home.path, "DAY": day].merging(extra) { $1 })
        }
        let good = try night("2026-11-23")
        #expect(good.exitCode == 0, "\(good.stderr)")
        let log = try String(contentsOf: home.appendingPathComponent("logs/2026-11-23.log"), encoding: .utf8)
        #expect(log.contains("night 2026-11-23 done"))
        #expect(log.contains("out/2026-11-23: verified: manifest, "))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: home.appendingPathComponent("logs/2026-11-23.json"))) as? [String: Any])
        #expect(json["state"] as? String == "recorded")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("backups").path).count == 1)

        // No export tonight: thuis's status (66) is the script's, and the log says the night failed.
        let missing = try night("2026-11-24")
        #expect(missing.exitCode == 66)
        let failed = try String(contentsOf: home.appendingPathComponent("logs/2026-11-24.log"), encoding: .utf8)
        #expect(failed.contains("FILE_NOT_FOUND"))
        #expect(failed.contains("night 2026-11-24 FAILED with exit status 66"))
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("out/2026-11-24").path))

        // The night exported twice with another batch's adverts: the data error stops the night.
        let twice = try night("2026-11-25", ["EXPORT": "exports/2026-11-23.xml"])
        #expect(twice.exitCode == 0, "the same export again is the same batch: recorded once, nothing changes")
        let edited = home.appendingPathComponent("exports/2026-11-26.xml")
        let text = try String(contentsOf: home.appendingPathComponent("exports/2026-11-23.xml"), encoding: .utf8)
        try text.replacingOccurrences(of: "regio=\"", with: "regio=\"X").write(to: edited, atomically: true, encoding: .utf8)
        let again = try night("2026-11-26")
        #expect(again.exitCode == 65)
        #expect(try String(contentsOf: home.appendingPathComponent("logs/2026-11-26.log"), encoding: .utf8).contains("ADVERT_ALREADY_OFFERED"))

        // A second start while a night holds the lock does not run.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [home.appendingPathComponent("nightly.lock").path, "sleep", "30"]
        try holder.run()
        defer { holder.terminate() }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try night("2026-11-27").exitCode == 75)
    }
}

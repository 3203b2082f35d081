import Foundation
import Testing
import ThuisCore
import ThuisGenerator
import ThuisTestSupport
import ThuisXML

/// `thuis generate` writes valid exports, the same bytes for the same seed.
@Suite(.timeLimit(.minutes(3))) struct GeneratorTests {
    @Test("a generated export is valid and the same seed gives the same bytes", arguments: [GeneratorProfile.nightly, .region])
    func validAndDeterministic(_ profile: GeneratorProfile) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = ExportGenerator(profile: profile, seed: 7)
        generator.scale = profile.name == "region" ? 0.01 : 0.1
        let a = directory.appendingPathComponent("a.xml").path, b = directory.appendingPathComponent("b.xml").path
        let written = try generator.write(to: a)
        _ = try generator.write(to: b)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let result = ExportReader.read([a])
        #expect(result.errors.isEmpty)
        let market = try #require(result.market)
        #expect(market.adverts.count == written.adverts)
        #expect(market.households.count == written.households)
        #expect(market.reactions.count == written.reactions)
        #expect(market.priorities.count > 0)
        generator.seed = 8
        _ = try generator.write(to: b)
        #expect(FileManager.default.contents(atPath: a) != FileManager.default.contents(atPath: b))
    }

    @Test("the CLI generates a file that thuis validate accepts")
    func cli() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("nightly.xml").path
        let generated = try ThuisProcess.run(["generate", "--profile", "nightly", "--seed", "1", "--scale", "0.05", "--out", out, "--quiet"])
        #expect(generated.exitCode == 0)
        #expect(generated.stdout.contains("10 adverts"))
        let validated = try ThuisProcess.run(["validate", out])
        #expect(validated.exitCode == 0)
    }

    @Test("reading on two threads gives the same market as the reactions in the file", arguments: [UInt64(1), 2, 3])
    func twoThreadsAgree(_ seed: UInt64) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = ExportGenerator(profile: .nightly, seed: seed)
        generator.scale = 0.2
        let path = directory.appendingPathComponent("n.xml").path
        let written = try generator.write(to: path)
        let market = try #require(ExportReader.read([path]).market)
        // Every reaction line of the file is in the market, in its household's preference order.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("  <Reactie ") }
        #expect(lines.count == written.reactions)
        #expect(market.reactions.count == lines.count)
        for h in 0..<market.households.count {
            let numbers = market.reactions.ofHousehold(h).map { market.reactions.preferenceNumber[$0] }
            #expect(numbers == numbers.sorted())
        }
    }
}

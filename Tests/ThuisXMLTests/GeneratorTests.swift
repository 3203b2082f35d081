import Foundation
import Testing
import ThuisCore
import ThuisGenerator
import ThuisPolicyFile
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

    @Test("a market generated straight into columns is the market its export reads back as, column by column",
          arguments: [(GeneratorProfile.nightly, UInt64(1)), (.nightly, 2), (.region, 3)])
    func straightIntoColumns(_ profile: GeneratorProfile, _ seed: UInt64) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = ExportGenerator(profile: profile, seed: seed)
        generator.scale = profile.name == "region" ? 0.02 : 0.2
        let path = directory.appendingPathComponent("m.xml").path
        _ = try generator.write(to: path)
        let readBack = ExportReader.read([path]), built = generator.market(name: path)
        #expect(readBack.diagnostics == built.diagnostics)
        let a = try #require(readBack.market), b = try #require(built.market)
        #expect(a.batch.referenceDate == b.batch.referenceDate && a.batch.region == b.batch.region && a.batch.version == b.batch.version)
        func ids(_ t: IdTable) -> [String] { (0..<t.count).map { t[$0] } }
        #expect(ids(a.municipalities) == ids(b.municipalities))
        #expect(ids(a.corporations) == ids(b.corporations))
        #expect(ids(a.dwellings.ids) == ids(b.dwellings.ids))
        #expect(a.dwellings.municipality == b.dwellings.municipality && a.dwellings.corporation == b.dwellings.corporation)
        #expect(a.dwellings.rooms == b.dwellings.rooms && a.dwellings.rent == b.dwellings.rent && a.dwellings.grossRent == b.dwellings.grossRent)
        #expect(a.dwellings.targetGroup == b.dwellings.targetGroup && a.dwellings.socialLabel == b.dwellings.socialLabel)
        #expect(a.dwellings.criteriaStart == b.dwellings.criteriaStart && a.dwellings.criteria == b.dwellings.criteria)
        #expect(ids(a.adverts.ids) == ids(b.adverts.ids))
        #expect(a.adverts.model == b.adverts.model && a.adverts.start == b.adverts.start && a.adverts.end == b.adverts.end)
        #expect(a.adverts.dwelling == b.adverts.dwelling && a.adverts.namedHousehold == b.adverts.namedHousehold)
        #expect(ids(a.households.ids) == ids(b.households.ids))
        #expect(a.households.municipality == b.households.municipality && a.households.registrationDate == b.households.registrationDate)
        #expect(a.households.searchPoints == b.households.searchPoints && a.households.memberStart == b.households.memberStart)
        #expect(a.households.memberBirthDate == b.households.memberBirthDate && a.households.memberIncome == b.households.memberIncome)
        #expect(a.households.persons == b.households.persons && a.households.income == b.households.income)
        #expect(a.priorities.household == b.priorities.household && a.priorities.category == b.priorities.category)
        #expect(a.priorities.start == b.priorities.start && a.priorities.end == b.priorities.end && a.priorities.scope == b.priorities.scope)
        #expect(a.reactions.household == b.reactions.household && a.reactions.advert == b.reactions.advert && a.reactions.date == b.reactions.date)
        // And so every allocation: the lettings and places under a policy with a floor.
        let policy = try PolicyFile.load(Fixtures.path("policies/wachttijd-met-quotum.toml")).get()
        let x = Allocator.allocate(a, policy), y = Allocator.allocate(b, policy)
        #expect(x.household == y.household && x.position == y.position && x.lettings > 0)
    }
}

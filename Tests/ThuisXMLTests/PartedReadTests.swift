import Foundation
import Testing
import ThuisCore
import ThuisGenerator
import ThuisTestSupport
import ThuisXML

/// A file read in parts, a parser per core, reads as it does with one parser: the same market,
/// the same diagnostics at the same file:line:col, whatever the file holds and wherever the
/// cuts fall.
@Suite(.timeLimit(.minutes(3))) struct PartedReadTests {
    /// Reads `path` with one parser and in parts of `partBytes`.
    static func bothWays(_ path: String, partBytes: Int) -> (one: IngestResult, parted: IngestResult) {
        var one = ExportReader.Options(), parted = ExportReader.Options()
        one.partBytes = 0
        parted.partBytes = partBytes
        return (ExportReader.read([path], options: one), ExportReader.read([path], options: parted))
    }

    /// The same market, column by column, and the same diagnostics.
    static func expectSame(_ a: IngestResult, _ b: IngestResult, _ comment: Comment? = nil) {
        #expect(a.diagnostics == b.diagnostics, comment)
        #expect(a.read == b.read && a.accepted == b.accepted && a.setAside == b.setAside && a.encodings == b.encodings, comment)
        #expect(a.stoppedAtLimit == b.stoppedAtLimit, comment)
        guard let x = a.market, let y = b.market else {
            #expect((a.market == nil) == (b.market == nil), comment)
            return
        }
        func ids(_ t: IdTable) -> [String] { (0..<t.count).map { t[$0] } }
        #expect(MarketSummary(x) == MarketSummary(y), comment)
        #expect(ids(x.dwellings.ids) == ids(y.dwellings.ids) && ids(x.adverts.ids) == ids(y.adverts.ids), comment)
        #expect(ids(x.households.ids) == ids(y.households.ids), comment)
        #expect(x.dwellings.rent == y.dwellings.rent && x.dwellings.criteria == y.dwellings.criteria, comment)
        #expect(x.adverts.start == y.adverts.start && x.adverts.dwelling == y.adverts.dwelling, comment)
        #expect(x.households.income == y.households.income && x.households.memberBirthDate == y.households.memberBirthDate, comment)
        #expect(x.priorities.household == y.priorities.household && x.priorities.scope == y.priorities.scope, comment)
        #expect(x.reactions.household == y.reactions.household && x.reactions.advert == y.reactions.advert, comment)
        #expect(x.reactions.date == y.reactions.date && x.reactions.preferenceNumber == y.reactions.preferenceNumber, comment)
    }

    static func generated(_ profile: GeneratorProfile, seed: UInt64, scale: Double, in directory: URL) throws -> String {
        var generator = ExportGenerator(profile: profile, seed: seed)
        generator.scale = scale
        let path = directory.appendingPathComponent("export-\(seed).xml").path
        _ = try generator.write(to: path)
        return path
    }

    @Test("a generated export read in parts gives the market and diagnostics one parser gives",
          arguments: [(GeneratorProfile.nightly, UInt64(1), 4096), (.nightly, 2, 700), (.region, 3, 65_536)])
    func generatedExport(_ profile: GeneratorProfile, _ seed: UInt64, _ partBytes: Int) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.generated(profile, seed: seed, scale: profile.name == "region" ? 0.02 : 0.2, in: directory)
        let (one, parted) = Self.bothWays(path, partBytes: partBytes)
        // Cuts fall inside <Eenheden> and <Publicaties> as well as between households.
        #expect((parted.parts[path] ?? 0) > 10)
        #expect(one.parts.isEmpty)
        #expect(one.market != nil)
        Self.expectSame(one, parted)
    }

    @Test("every invalid and every valid fixture reads alike in parts", arguments: [256, 1024])
    func fixtures(_ partBytes: Int) throws {
        var paths = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("invalid"))
            .filter { $0.hasSuffix(".xml") }.map { Fixtures.path("invalid/\($0)") }
        paths.append(Fixtures.demoRegion)
        var parted = 0
        for path in paths.sorted() {
            let (one, inParts) = Self.bothWays(path, partBytes: partBytes)
            Self.expectSame(one, inParts, "\(path)")
            if inParts.parts[path] != nil { parted += 1 }
        }
        // The demo region and the larger fixtures are cut; a file with a problem is read again
        // with one parser, so its diagnostics are the same.
        #expect(parted >= 1)
    }

    @Test("a defect anywhere in a file read in parts is reported as one parser reports it")
    func defectsAnywhere() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try Self.generated(.nightly, seed: 5, scale: 0.05, in: directory)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: source)))
        // Defects that change what is open at a cut, or that hide one.
        let defects = ["<!-- ", "-->", "<![CDATA[", "]]>", "</Woonruimteverdeling>", "<Eenheden>", "</Publicaties>",
                       "<Relatie id=\"X\">", "<?pi ", "\"", "<", "&", "\u{0}", "<!DOCTYPE x>", "<x:Reactie/>"]
        var random = SeededGenerator(seed: 11)
        let path = directory.appendingPathComponent("defect.xml").path
        for trial in 0..<60 {
            let defect = Array(defects[trial % defects.count].utf8)
            let at = Int.random(in: 0..<bytes.count, using: &random)
            try Data(bytes[..<at] + defect + bytes[at...]).write(to: URL(fileURLWithPath: path))
            let (one, parted) = Self.bothWays(path, partBytes: 2048)
            Self.expectSame(one, parted, "\(String(decoding: defect, as: UTF8.self)) at byte \(at)")
        }
    }

    @Test("a record's problem in a later part is reported at its line and column, without reading again")
    func recordProblemsInLaterParts() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try Self.generated(.nightly, seed: 6, scale: 0.05, in: directory)
        let text = try String(contentsOfFile: source, encoding: .utf8)
        // Every reaction's advert reference is a place to break: an unknown advert, a bad date.
        let places = text.ranges(of: "publicatie=\"P")
        var random = SeededGenerator(seed: 12)
        let path = directory.appendingPathComponent("records.xml").path
        for trial in 0..<12 {
            var broken = text
            let place = places[Int.random(in: places.count / 2..<places.count, using: &random)]
            broken.insert(contentsOf: trial.isMultiple(of: 2) ? "Q" : "9", at: place.upperBound)
            try broken.write(toFile: path, atomically: false, encoding: .utf8)
            let (one, parted) = Self.bothWays(path, partBytes: 2048)
            #expect(!one.errors.isEmpty)
            #expect((parted.parts[path] ?? 0) > 10, "read in parts, not again by one parser")
            Self.expectSame(one, parted, "trial \(trial)")
        }
    }
}

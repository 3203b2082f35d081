import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisGenerator
import ThuisTestSupport
import ThuisVERA

/// A batch given as VERA JSON gives the same market, and so the same allocation, as the XML export.
@Suite struct VERABatchTests {
    static let compared = ["allocations.csv", "candidates.csv", "quota-report.csv", "publication.csv", "toewijzingen.xml"]

    /// The outputs of a one-off allocation of `inputs` under `policy`.
    static func allocate(_ inputs: [String], policy: String, in directory: URL, name: String) throws -> [String: Data] {
        let out = directory.appendingPathComponent(name).path
        var command = AllocateCommand(exports: inputs, policyPath: Fixtures.path("policies/\(policy)"), outPath: out)
        command.ledgerPath = nil
        let outcome = command.run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        var files: [String: Data] = [:]
        for file in compared { files[file] = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(file)) }
        return files
    }

    @Test("the demo's VERA twin allocates byte-identically to the XML demo")
    func demoTwin() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for policy in ["een-thuis-voor-iedereen.toml", "loting-20.toml"] {
            let xml = try Self.allocate([Fixtures.demoRegion], policy: policy, in: directory, name: "xml-\(policy)")
            let vera = try Self.allocate([Fixtures.path("vera/demo-region")], policy: policy, in: directory, name: "vera-\(policy)")
            for file in Self.compared { #expect(xml[file] == vera[file], "\(file) under \(policy)") }
        }
    }

    @Test("the committed twin is what converting the demo export writes")
    func twinIsCurrent() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("twin").path
        let outcome = ConvertCommand(inputs: [Fixtures.demoRegion], outPath: out).run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        let fixture = Fixtures.path("vera/demo-region")
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == names)
        for name in names {
            #expect(FileManager.default.contentsEqual(atPath: "\(fixture)/\(name)", andPath: "\(out)/\(name)"), "\(name)")
        }
    }

    @Test("a generated market with every feature, in pages of 37, allocates as its XML does under quotas and sequential offers")
    func generatedTwin() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xml = directory.appendingPathComponent("nightly.xml").path
        var generator = ExportGenerator(profile: GeneratorProfile.all.first { $0.name == "nightly" }!, seed: 7)
        generator.scale = PropertyRuns.full ? 0.3 : 0.1
        generator.priorityShare = 0.4
        _ = try generator.write(to: xml)
        let folder = directory.appendingPathComponent("vera").path
        var convert = ConvertCommand(inputs: [xml], outPath: folder)
        convert.itemsPerPage = 37
        #expect(convert.run().exit == .ok)
        for policy in ["wachttijd-met-quotum.toml", "punten-amsterdam.toml"] {
            let a = try Self.allocate([xml], policy: policy, in: directory, name: "xml-\(policy)")
            let b = try Self.allocate([folder], policy: policy, in: directory, name: "vera-\(policy)")
            for file in Self.compared { #expect(a[file] == b[file], "\(file) under \(policy)") }
        }
        // Converting the VERA folder again writes the same pages: nothing is lost on the way.
        let again = directory.appendingPathComponent("again").path
        var reconvert = ConvertCommand(inputs: [folder], outPath: again)
        reconvert.itemsPerPage = 37
        #expect(reconvert.run().exit == .ok)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            #expect(FileManager.default.contentsEqual(atPath: "\(folder)/\(name)", andPath: "\(again)/\(name)"), "\(name)")
        }
    }

    @Test("the same records in other pages and another order give the same market")
    func orderDoesNotMatter() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = Fixtures.path("vera/demo-region")
        let shuffled = directory.appendingPathComponent("shuffled")
        try FileManager.default.createDirectory(at: shuffled, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(fixture)/batch.json", toPath: shuffled.appendingPathComponent("batch.json").path)
        var random = SeededRandom(seed: 3)
        for resource in VERABatchReader.resources {
            var items: [String] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: fixture) where VERABatchReader.resource(ofPage: name) == resource {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(fixture)/\(name)")))
                items += try VERAPages.items(ofPage: bytes).map { String(decoding: $0, as: UTF8.self) }
            }
            items.shuffle(using: &random)
            // Three pages of uneven size, pretty much as another system would page them.
            let cut = [0, items.count / 3, items.count * 3 / 4, items.count]
            for k in 0..<3 {
                let page = "[\n  " + items[cut[k]..<cut[k + 1]].joined(separator: ",\n  ") + "\n]\n"
                try Data(page.utf8).write(to: shuffled.appendingPathComponent("\(resource)-x\(k).json"))
            }
        }
        let a = BatchSource.read([fixture]), b = BatchSource.read([shuffled.path])
        #expect(a.errors.isEmpty && b.errors.isEmpty, "\(b.errors)")
        let market = try #require(b.market)
        let first = VERABatchWriter.files(try #require(a.market)), second = VERABatchWriter.files(market)
        #expect(first.map(\.name) == second.map(\.name))
        for (x, y) in zip(first, second) { #expect(x.bytes == y.bytes, "\(x.name)") }
    }
}

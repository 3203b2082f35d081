import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// Every column of every research CSV is documented in Documentation/research-outputs.md, under
/// the heading of its command and file; the test reads the doc and the files the commands write.
@Suite struct ResearchOutputsDocTests {
    /// The documented columns per "command: file" heading: the backticked names in each table row's first cell.
    static func documented() throws -> [String: Set<String>] {
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("Documentation/research-outputs.md"), encoding: .utf8)
        var sections: [String: Set<String>] = [:], current: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("### ") { current = String(line.dropFirst(4)); continue }
            guard let current, line.hasPrefix("| `") else { continue }
            let cell = line.split(separator: "|")[0]
            let names = cell.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            sections[current, default: []].formUnion(names)
        }
        return sections
    }

    /// The header of a CSV the command wrote, with sweep's knob and group columns as the doc names them.
    static func columns(_ path: String, knobs: [String] = [], groups: [String] = []) throws -> [String] {
        let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0].split(separator: ",").map(String.init)
        return header.map { column in
            if knobs.contains(column) { return "KNOB" }
            for group in groups {
                for suffix in ["_lettings", "_share", "_success_rate"] where column == group + suffix { return "GROUP" + suffix }
            }
            return column
        }
    }

    @Test("every column of compare, sweep and simulate outputs is documented")
    func everyColumn() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let doc = try Self.documented()
        let policy = Fixtures.path("policies/wachttijd-met-quotum.toml")
        var compare = CompareCommand(exports: [Fixtures.demoRegion], policies: [Fixtures.path("policies/wachttijd-zonder-quotum.toml"), policy],
                                     outPath: directory.appendingPathComponent("compare").path)
        compare.seeds = 2
        compare.withIDs = true
        #expect(compare.run().exit == .ok)
        var checked = 0
        for file in ["groups.csv", "differences.csv", "corporations.csv", "measures.csv", "displacement.csv", "households.csv", "household-outcomes.csv"] {
            let section = try #require(doc["compare: \(file)"], "no section compare: \(file)")
            for column in try Self.columns(compare.outPath + "/" + file) {
                #expect(section.contains(column), "compare \(file): \(column) is not documented")
                checked += 1
            }
        }
        var sweep = SweepCommand(exports: [Fixtures.demoRegion], policyPath: policy, vary: ["quotas.aandachtsgroepen.share=0:0.2:0.1"],
                                 outPath: directory.appendingPathComponent("sweep").path)
        sweep.seeds = 2
        #expect(sweep.run().exit == .ok)
        let groups = ["aandachtsgroepen", "priority", "MED", "SOC", "DAK", "STA", "UIT", "GEW", "MAN", "HUI", "EXD", "BER", "ARB", "WOW", "regular"]
        for column in try Self.columns(sweep.outPath + "/sweep.csv", knobs: ["quotas.aandachtsgroepen.share"], groups: groups) {
            #expect(try #require(doc["sweep: sweep.csv"]).contains(column), "sweep.csv: \(column) is not documented")
            checked += 1
        }
        for file in ["measures.csv", "differences.csv"] {
            for column in try Self.columns(sweep.outPath + "/" + file) {
                #expect(try #require(doc["sweep: \(file)"]).contains(column), "sweep \(file): \(column) is not documented")
                checked += 1
            }
        }
        var one = SimulateCommand(profile: "region", policyPath: policy, outPath: directory.appendingPathComponent("simulate").path)
        one.scale = 0.01
        one.days = 10
        #expect(one.run().exit == .ok)
        var several = SimulateCommand(profile: "region", policyPath: policy, outPath: directory.appendingPathComponent("runs").path)
        several.scale = 0.01
        several.days = 10
        several.seeds = 2
        #expect(several.run().exit == .ok)
        for (file, path) in [("groups.csv", one.outPath), ("waiting-histogram.csv", one.outPath), ("time-to-housing.csv", one.outPath),
                             ("survival.csv", one.outPath), ("households.csv", one.outPath), ("runs.csv", several.outPath),
                             ("waiting-histogram.csv", several.outPath),
                             ("measures.csv", several.outPath)] {
            let section = try #require(doc["simulate: \(file)"], "no section simulate: \(file)")
            for column in try Self.columns(path + "/" + file) {
                #expect(section.contains(column), "simulate \(file): \(column) is not documented")
                checked += 1
            }
        }
        for column in try Self.columns(several.outPath + "/groups.csv") {
            #expect(try #require(doc["simulate seeds: groups.csv"]).contains(column), "simulate --seeds groups.csv: \(column) is not documented")
            checked += 1
        }
        var paired = SimulateCommand(profile: "region", policyPath: policy, outPath: directory.appendingPathComponent("paired").path)
        paired.otherPolicyPath = Fixtures.path("policies/wachttijd-zonder-quotum.toml")
        paired.scale = 0.01
        paired.days = 10
        paired.seeds = 2
        #expect(paired.run().exit == .ok)
        for file in ["differences.csv", "measures.csv"] {
            let section = try #require(doc["simulate paired: \(file)"], "no section simulate paired: \(file)")
            for column in try Self.columns(paired.outPath + "/" + file) {
                #expect(section.contains(column), "simulate paired \(file): \(column) is not documented")
                checked += 1
            }
        }
        #expect(checked > 60)
    }
}

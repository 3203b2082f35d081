import Benchmark
import Foundation
import ThuisCommands
@_spi(Benchmarks) import ThuisCore
import ThuisGenerator
import ThuisPolicyFile
import ThuisReports
import ThuisXML

/// Inputs are generated on the fly into a cache folder and reused between runs; never committed.
enum Inputs {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thuis-benchmarks")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The export of a profile (seed 1), generated once.
    static func export(_ profile: GeneratorProfile) -> String {
        let path = folder.appendingPathComponent("\(profile.name)-seed1.xml").path
        if !FileManager.default.fileExists(atPath: path) {
            _ = try! ExportGenerator(profile: profile, seed: 1).write(to: path)
        }
        return path
    }

    static func market(_ profile: GeneratorProfile) -> Market {
        ExportReader.read([export(profile)]).market!
    }

    static let policyPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/policies/een-thuis-voor-iedereen.toml").path
    static let policy: Policy = try! PolicyFile.load(policyPath).get()

    static func bytes(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// A market loaded once per process, shared by the benchmarks that start from it.
final class Loaded: @unchecked Sendable {
    static let nightly = Loaded(.nightly)
    static let region = Loaded(.region)
    let profile: GeneratorProfile
    lazy var market = Inputs.market(profile)
    lazy var stages = AllocationStages(market: market, policy: Inputs.policy)
    lazy var allocation = Allocator.allocate(market, Inputs.policy)
    init(_ profile: GeneratorProfile) { self.profile = profile }
}

// Names have no spaces: the threshold files are named after them.
let benchmarks: @Sendable () -> Void = {
    // These machines are shared and noisy (microsecond benchmarks most): time may vary by half
    // before a check fails; peak memory is the process's, so it depends on what ran before;
    // allocation counts are steady.
    let tolerance: [BenchmarkMetric: BenchmarkThresholds] = [
        .wallClock: .init(relative: [.p90: 50]), .cpuTotal: .init(relative: [.p90: 50]),
        .peakMemoryResident: .init(relative: [.p90: 50]),
        .mallocCountTotal: .init(relative: [.p90: 5]),
        .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false): .init(relative: [.p90: 50]),
        .custom("k reactions/s", polarity: .prefersLarger, useScalingFactor: false): .init(relative: [.p90: 50]),
    ]
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 20, thresholds: tolerance)
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 0, maxDuration: .seconds(20), maxIterations: 3, thresholds: tolerance)
    let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    let reactionsPerSecond = BenchmarkMetric.custom("k reactions/s", polarity: .prefersLarger, useScalingFactor: false)

    for loaded in [Loaded.nightly, Loaded.region] {
        let name = loaded.profile.name
        var ingest = loaded.profile.name == "nightly" ? fast : slow
        ingest.metrics += [megabytesPerSecond, reactionsPerSecond]

        Benchmark("Ingest_\(name)", configuration: ingest) { benchmark in
            let path = Inputs.export(loaded.profile)
            let size = Inputs.bytes(path)
            benchmark.startMeasurement()
            let started = ContinuousClock.now
            let result = ExportReader.read([path])
            let elapsed = ContinuousClock.now - started
            benchmark.stopMeasurement()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(megabytesPerSecond, Int(Double(size) / 1e6 / seconds))
            benchmark.measurement(reactionsPerSecond, Int(Double(result.market?.reactions.count ?? 0) / 1e3 / seconds))
            blackHole(result)
        }

        Benchmark("EligibilityAndRanking_\(name)", configuration: loaded.profile.name == "nightly" ? fast : slow) { benchmark in
            let market = loaded.market
            benchmark.startMeasurement()
            blackHole(AllocationStages(market: market, policy: Inputs.policy))
        }

        Benchmark("DeferredAcceptance_\(name)", configuration: fast) { benchmark in
            let stages = loaded.stages
            benchmark.startMeasurement()
            blackHole(stages.deferredAcceptance())
        }

        Benchmark("SequentialOffers_\(name)", configuration: fast) { benchmark in
            let stages = loaded.stages
            benchmark.startMeasurement()
            blackHole(stages.sequentialOffers())
        }

        Benchmark("WriteOutputs_\(name)", configuration: loaded.profile.name == "nightly" ? fast : slow) { benchmark in
            let market = loaded.market, allocation = loaded.allocation
            benchmark.startMeasurement()
            let facts = AllocationFacts(market: market, allocation: allocation, policy: Inputs.policy)
            let files = try AllocateCommand.render(facts, summary: AllocationSummary(facts, inputs: .init(exports: ["export.xml"], exportSHA256: [""],
                                                                                              policyFile: "policy.toml", policySHA256: "")))
            blackHole(files.map(\.bytes))
        }

        Benchmark("Allocate_\(name)", configuration: slow) { benchmark in
            let path = Inputs.export(loaded.profile)
            let out = Inputs.folder.appendingPathComponent("out-\(name)").path
            var command = AllocateCommand(exports: [path], policyPath: Inputs.policyPath, outPath: out)
            command.ledgerPath = nil  // a recorded batch would make every later iteration a no-op
            benchmark.startMeasurement()
            let outcome = command.run()
            benchmark.stopMeasurement()
            precondition(outcome.exit == .ok, outcome.stderr)
        }
    }
}

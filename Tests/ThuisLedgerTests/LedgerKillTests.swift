import Foundation
import Testing
import ThuisCommands
import ThuisLedger
import ThuisTestSupport

/// Killing `thuis allocate` anywhere leaves a consistent ledger, an output folder that never shows
/// a batch the ledger does not hold, and a half-done delivery the next run completes; two runs on
/// one ledger never collide.
@Suite(.serialized, .timeLimit(.minutes(3))) struct LedgerKillTests {
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")
    static let second = Fixtures.path("exports/demo-region.xml.gz")

    static func arguments(_ directory: URL, export: String, batch: String, extra: [String] = []) -> [String] {
        ["allocate", "--quiet", "--export", export, "--policy", policy, "--out", directory.appendingPathComponent("out").path,
         "--ledger", directory.appendingPathComponent("thuis.sqlite").path, "--create-ledger", "--batch-id", batch] + extra
    }

    /// Starts `thuis` with a pause point and waits until it is paused there (or has ended).
    static func start(_ arguments: [String], pauseAt: String?) throws -> (Process, paused: Bool) {
        let process = Process()
        process.executableURL = ThuisProcess.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let pauseAt { environment["THUIS_PAUSE_AT"] = pauseAt }
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        guard pauseAt != nil else { return (process, false) }
        var seen = Data()
        while process.isRunning {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            if String(decoding: seen, as: UTF8.self).contains("paused at") { return (process, true) }
        }
        return (process, false)
    }

    static func files(_ folder: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return out
    }

    /// The outputs of batch A, then of batch B on top of it, computed without interruption.
    static func reference() throws -> (a: [String: Data], b: [String: Data]) {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try ThuisProcess.run(arguments(directory, export: Fixtures.demoRegion, batch: "A")).exitCode == 0)
        let a = files(directory.appendingPathComponent("out"))
        #expect(try ThuisProcess.run(arguments(directory, export: second, batch: "B", extra: ["--supersede", "A"])).exitCode == 0)
        return (a, files(directory.appendingPathComponent("out")))
    }

    /// Entries beside the output folder that a run left (staging or moved-aside folders).
    static func leftovers(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasPrefix(".out.") }
    }

    @Test("killed at each named point and at random moments: ledger ok, outputs agree with it or are completed by the next run")
    func killAnywhere() throws {
        let (a, b) = try Self.reference()
        let points: [String?] = ["before-record", "before-commit", "before-outputs", "swap-outputs", "after-outputs"]
            + Array(repeating: nil, count: 6)
        var generator = SeededGenerator(seed: 42)
        for (round, point) in points.enumerated() {
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(try ThuisProcess.run(Self.arguments(directory, export: Fixtures.demoRegion, batch: "A")).exitCode == 0)
            let (process, paused) = try Self.start(Self.arguments(directory, export: Self.second, batch: "B", extra: ["--supersede", "A"]), pauseAt: point)
            if point == nil { usleep(UInt32.random(in: 0...150_000, using: &generator)) }
            #expect(point == nil || paused, "round \(round): not paused at \(point ?? "")")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let ledger = try Ledger(path: directory.appendingPathComponent("thuis.sqlite").path)
            #expect(try ledger.integrityCheck() == "ok")
            let batches = try ledger.read { try $0.batchIDs() }
            #expect(batches == ["A"] || batches == ["A", "B"], "round \(round): \(batches)")
            let now = Self.files(directory.appendingPathComponent("out"))
            if batches == ["A"] {
                // Before the commit point the folder still holds A's result.
                #expect(now == a, "round \(round) at \(point ?? "random")")
            } else {
                // After it, B's outputs are in place, or waiting as a recorded delivery (A's
                // result still there, or aside for a moment during the swap).
                let pending = try ledger.read { try $0.pendingDeliveries() }.map(\.batchID)
                #expect(now == b || ((now == a || now.isEmpty) && pending == ["B"]), "round \(round) at \(point ?? "random")")
            }

            let rerun = try ThuisProcess.run(Self.arguments(directory, export: Self.second, batch: "B", extra: ["--supersede", "A"]))
            #expect(rerun.exitCode == 0, "round \(round): \(rerun.stderr)")
            #expect(Self.files(directory.appendingPathComponent("out")) == b, "round \(round) at \(point ?? "random")")
            #expect(try ledger.read { try $0.batchIDs() } == ["A", "B"])
            #expect(try ledger.read { try $0.pendingDeliveries() }.isEmpty)
            #expect(Self.leftovers(directory).isEmpty, "round \(round): \(Self.leftovers(directory))")
            #expect(try ledger.integrityCheck() == "ok")
        }
    }

    @Test("a second run waits for the ledger, then fails clearly; it succeeds once the first is gone")
    func concurrentRuns() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (first, paused) = try Self.start(Self.arguments(directory, export: Fixtures.demoRegion, batch: "A"), pauseAt: "before-commit")
        #expect(paused)
        let other = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        var arguments = Self.arguments(directory, export: Self.second, batch: "B", extra: ["--wait", "1"])
        arguments[arguments.firstIndex(of: "--out")! + 1] = other.appendingPathComponent("out").path
        let blocked = try ThuisProcess.run(arguments)
        #expect(blocked.exitCode == 75)
        #expect(blocked.stderr.contains("error: LEDGER_BUSY:"))
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(try ThuisProcess.run(arguments).exitCode == 0)
        #expect(try Ledger(path: directory.appendingPathComponent("thuis.sqlite").path).integrityCheck() == "ok")
    }
}

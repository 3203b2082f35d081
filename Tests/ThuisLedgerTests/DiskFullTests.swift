import Foundation
import Testing
import ThuisLedger
import ThuisTestSupport

/// A full disk under the ledger or under the output folder: the run fails with the code that
/// says which, the ledger and the folder still agree, nothing is left behind, and once there is
/// room again the same command succeeds.
/// A small tmpfs of its own, to fill up (mounting needs root: CI runs as root).
enum SmallDisk {
    static func entries(_ url: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
    }

    static let canMount: Bool = {
        guard getuid() == 0 else { return false }
        let probe = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: probe) }
        guard mount(probe, size: "64k") else { return false }
        unmount(probe)
        return true
    }()

    @discardableResult
    static func mount(_ url: URL, size: String) -> Bool {
        run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", url.path]) == 0
    }

    static func unmount(_ url: URL) { _ = run("/bin/umount", [url.path]) }

    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Fills the file system under `folder` until a write fails.
    static func fill(_ folder: URL) {
        let filler = folder.appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler.path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: filler.path) else { return }
        let block = Data(repeating: 0x2A, count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()
    }

}

@Suite(.serialized, .enabled(if: SmallDisk.canMount, "needs root to mount a small tmpfs"), .timeLimit(.minutes(3)))
struct DiskFullTests {
    static func arguments(out: URL, ledger: URL, export: String, batch: String) -> [String] {
        ["allocate", "--quiet", "--export", export, "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
         "--out", out.path, "--ledger", ledger.path, "--create-ledger", "--batch-id", batch]
            + (batch == "B" ? ["--supersede", "A"] : [])  // B exports A's adverts again
    }


    @Test("the ledger's disk is full: LEDGER_FAILED, the ledger without the batch, the earlier outputs in place")
    func ledgerFull() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = directory.appendingPathComponent("ledgerfs")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        try #require(SmallDisk.mount(small, size: "1m"))
        defer { SmallDisk.unmount(small) }
        let out = directory.appendingPathComponent("out"), ledger = small.appendingPathComponent("thuis.sqlite")
        #expect(try ThuisProcess.run(Self.arguments(out: out, ledger: ledger, export: Fixtures.demoRegion, batch: "A")).exitCode == 0)
        let a = LedgerKillTests.files(out)
        SmallDisk.fill(small)
        let b = try ThuisProcess.run(Self.arguments(out: out, ledger: ledger, export: LedgerKillTests.second, batch: "B"))
        #expect(b.exitCode == 73, "\(b.stderr)")
        #expect(b.stderr.contains("error: LEDGER_FAILED: "), "\(b.stderr)")
        #expect(LedgerKillTests.files(out) == a)
        #expect(SmallDisk.entries(directory) == ["out", "ledgerfs"])
        try FileManager.default.removeItem(at: small.appendingPathComponent("filler"))
        let opened = try Ledger(path: ledger.path)
        #expect(try opened.integrityCheck() == "ok")
        #expect(try opened.read { try $0.batchIDs() } == ["A"])
        #expect(try ThuisProcess.run(Self.arguments(out: out, ledger: ledger, export: LedgerKillTests.second, batch: "B")).exitCode == 0)
        #expect(try opened.read { try $0.batchIDs() } == ["A", "B"])
        #expect(LedgerKillTests.files(out) != a)
    }

    @Test("the output's disk is full: CANNOT_CREATE_OUTPUT, nothing recorded, nothing left on that disk")
    func outputFull() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = directory.appendingPathComponent("outfs")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        try #require(SmallDisk.mount(small, size: "1m"))
        defer { SmallDisk.unmount(small) }
        SmallDisk.fill(small)
        let out = small.appendingPathComponent("out"), ledger = directory.appendingPathComponent("thuis.sqlite")
        let a = try ThuisProcess.run(Self.arguments(out: out, ledger: ledger, export: Fixtures.demoRegion, batch: "A"))
        #expect(a.exitCode == 73, "\(a.stderr)")
        #expect(a.stderr.contains("error: CANNOT_CREATE_OUTPUT: "), "\(a.stderr)")
        #expect(SmallDisk.entries(small) == ["filler"])
        // The ledger this first run created holds nothing, so it is gone again.
        #expect(!FileManager.default.fileExists(atPath: ledger.path))
        try FileManager.default.removeItem(at: small.appendingPathComponent("filler"))
        #expect(try ThuisProcess.run(Self.arguments(out: out, ledger: ledger, export: Fixtures.demoRegion, batch: "A")).exitCode == 0)
        #expect(try Ledger(path: ledger.path).read { try $0.batchIDs() } == ["A"])
        #expect(SmallDisk.entries(out).contains("manifest.sha256"))
    }
}

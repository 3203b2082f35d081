import Foundation
import Testing
import ThuisTestSupport

/// What only a release build (the one a corporation installs) must guarantee; run by the release
/// step of `.ci/run`.
@Suite(.timeLimit(.minutes(2))) struct ReleaseBuildTests {
    @Test("a release binary ignores THUIS_PAUSE_AT: the test hook exists only in debug builds",
          .enabled(if: !PropertyRuns.debugBuild), arguments: ["before-record", "before-commit", "swap-outputs", "after-outputs"])
    func noPausePoints(_ point: String) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, paused) = try LedgerKillTests.start(
            LedgerKillTests.arguments(directory, export: Fixtures.demoRegion, batch: "A"), pauseAt: point)
        process.waitUntilExit()
        #expect(!paused)
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/summary.json").path))
    }
}

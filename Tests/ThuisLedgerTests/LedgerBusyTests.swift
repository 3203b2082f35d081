import Foundation
import GRDB
import Testing
import ThuisLedger
import ThuisTestSupport

/// A ledger locked by another process is "try again later" from the first look at it.
@Suite(.timeLimit(.minutes(3))) struct LedgerBusyTests {
    @Test("a ledger locked while thuis opens it: LEDGER_BUSY, exit 75, and nothing changed")
    func lockedAtOpen() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("thuis.sqlite").path
        _ = try Ledger(path: path, create: true)
        let holder = try DatabaseQueue(path: path)
        let arguments = ["allocate", "--quiet", "--export", Fixtures.demoRegion, "--policy", Fixtures.path("policies/loting-20.toml"),
                         "--out", directory.appendingPathComponent("out").path, "--ledger", path, "--wait", "0.2"]
        let blocked = try holder.inDatabase { db -> ThuisProcess.Result in
            try db.execute(sql: "BEGIN EXCLUSIVE TRANSACTION")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try ThuisProcess.run(arguments)
        }
        #expect(blocked.exitCode == 75)
        #expect(blocked.stderr.hasPrefix("thuis: error: LEDGER_BUSY: "))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out").path))
        #expect(try Ledger(path: path).read { try $0.batchIDs() }.isEmpty)
        #expect(try ThuisProcess.run(arguments).exitCode == 0)
    }
}

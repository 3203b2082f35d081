import Foundation
import ThuisCore
import ThuisLedger

/// `thuis ledger backup [--ledger PATH] FILE`: a consistent copy of the ledger in a new file,
/// made with SQLite's online backup while other runs may use the ledger; checked with
/// `integrity_check` before it is reported done.
public struct LedgerBackupCommand: ThuisCommand {
    public var ledgerPath: String
    public var to: String

    public init(ledgerPath: String, to: String) {
        self.ledgerPath = ledgerPath
        self.to = to
    }

    public func execute() throws -> CommandOutcome {
        if FileManager.default.fileExists(atPath: to) {
            throw CommandFailure(.cannotCreateOutput, "\(Ledger.absolute(to)) exists already; a backup goes to a new file, and Thuis replaces no file it did not write")
        }
        let ledger = try Ledger(path: ledgerPath)
        try ledger.backup(to: to)
        let copy = try Ledger(path: to)
        let integrity = try copy.integrityCheck()
        let batches = try copy.read { try $0.batchIDs().count }
        guard integrity == "ok" else {
            throw CommandFailure(.ledgerFailed, "the backup \(Ledger.absolute(to)) fails SQLite's integrity check (\(integrity)); it is kept for inspection")
        }
        return CommandOutcome(exit: .ok, stdout: "Backed up \(Ledger.absolute(ledgerPath)) to \(Ledger.absolute(to)): \(batches) batch(es), integrity_check ok.\n")
    }
}

import Foundation
import ThuisCore
import ThuisLedger

/// `thuis ledger init PATH`: creates a ledger, saying where; an existing Thuis ledger is left
/// as it is, and any other file is refused.
public struct LedgerInitCommand: ThuisCommand {
    public var ledgerPath: String

    public init(ledgerPath: String) { self.ledgerPath = ledgerPath }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(ledgerPath, option: "PATH")
        let ledger = try Ledger(path: ledgerPath, create: true)
        let path = Ledger.absolute(ledgerPath)
        if ledger.created { return CommandOutcome(exit: .ok, stdout: "Created a new ledger at \(path).\n") }
        let batches = try ledger.read { try $0.batchIDs().count }
        return CommandOutcome(exit: .ok, stdout: "\(path) is already a Thuis ledger (\(batches) batch(es)); it is left as it was.\n")
    }
}

import Foundation

/// Named points where a run can be made to stop and wait, so tests can kill it there:
/// `THUIS_PAUSE_AT=after-outputs thuis allocate ...` prints `thuis: paused at after-outputs` on
/// stderr and sleeps until killed.
enum PausePoint: String, CaseIterable {
    /// Inside the ledger transaction, before the batch is written.
    case beforeRecord = "before-record"
    /// The batch is written but not committed; the outputs are not in place yet.
    case beforeOutputs = "before-outputs"
    /// The earlier result is moved aside; the new one is not in place yet.
    case swapOutputs = "swap-outputs"
    /// The outputs are in place; the ledger transaction is not committed yet.
    case afterOutputs = "after-outputs"

    func reach() {
        guard ProcessInfo.processInfo.environment["THUIS_PAUSE_AT"] == rawValue else { return }
        FileHandle.standardError.write(Data("thuis: paused at \(rawValue)\n".utf8))
        while true { sleep(3600) }
    }
}

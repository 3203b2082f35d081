import Foundation

/// Named points where a run can be made to stop and wait, so tests can kill it there:
/// `THUIS_PAUSE_AT=after-outputs thuis allocate ...` prints `thuis: paused at after-outputs` on
/// stderr and sleeps until killed. Only a debug build (the one `swift test` runs) has them: in
/// a release binary ``reach()`` is empty, so no environment can make a production run hang.
enum PausePoint: String, CaseIterable {
    /// The outputs are staged beside the output folder; the batch is not written yet.
    case beforeRecord = "before-record"
    /// The batch and its delivery are written but not committed.
    case beforeCommit = "before-commit"
    /// The ledger has committed the batch; the outputs are still staged.
    case beforeOutputs = "before-outputs"
    /// The earlier result is moved aside; the new one is not in place yet.
    case swapOutputs = "swap-outputs"
    /// The outputs are in place; the ledger does not yet know they arrived.
    case afterOutputs = "after-outputs"

    func reach() {
        #if DEBUG
        guard ProcessInfo.processInfo.environment["THUIS_PAUSE_AT"] == rawValue else { return }
        FileHandle.standardError.write(Data("thuis: paused at \(rawValue)\n".utf8))
        while true { sleep(3600) }
        #endif
    }
}

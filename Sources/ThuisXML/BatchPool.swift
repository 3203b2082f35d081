import Foundation

/// Emptied event batches kept for reuse by the threads that record and replay parts.
final class BatchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [EventBatch] = []
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// An empty batch.
    func take() -> EventBatch {
        lock.lock()
        let batch = spare.popLast()
        lock.unlock()
        return batch ?? EventBatch()
    }

    /// Keeps `batch`, emptied, unless enough are kept; the caller keeps no copy of it.
    func give(_ batch: consuming EventBatch) {
        var emptied = batch
        emptied.removeAll()
        lock.lock()
        if spare.count < limit { spare.append(emptied) }
        lock.unlock()
    }
}

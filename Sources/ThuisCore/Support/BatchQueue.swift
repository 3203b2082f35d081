import Foundation

/// A bounded hand-over of batches from a producer thread to one consumer thread, with reuse of
/// emptied batches and a stop request the consumer can send back.
///
/// Threading: every stored property but `limit` is read and written only with `condition`
/// locked; that lock is why the class is `@unchecked Sendable`.
package final class BatchQueue<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [Batch] = []
    private var spare: [Batch] = []
    private var closed = false
    private var finished = false
    private var stop = false
    private let limit: Int

    package init(limit: Int = 4) { self.limit = limit }

    /// Starts the consumer on its own thread: it gets each batch, in order, and returns it emptied.
    package func start(_ consume: @escaping @Sendable (inout Batch) -> Void) {
        let thread = Thread { [self] in
            while let batch = next() {
                var b = batch
                consume(&b)
                recycle(b)
            }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "thuis-reader"
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Hands a batch over (waiting while the consumer is behind) and returns an empty one, if any.
    package func submit(_ batch: Batch) -> Batch? {
        condition.lock()
        while pending.count >= limit && !stop { condition.wait() }
        if !stop { pending.append(batch) }
        let reused = spare.popLast()
        condition.broadcast()
        condition.unlock()
        return reused
    }

    /// No more batches: waits until the consumer has handled every one.
    package func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Asked by the consumer: the producer should stop (a fatal problem was found).
    package func requestStop() {
        condition.lock()
        stop = true
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    package var stopRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stop
    }

    private func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !closed { condition.wait() }
        if pending.isEmpty { return nil }
        let batch = pending.removeFirst()
        condition.broadcast()
        return batch
    }

    private func recycle(_ batch: Batch) {
        condition.lock()
        if spare.count < limit { spare.append(batch) }
        condition.unlock()
    }
}

import Foundation

/// Results of work items run concurrently (scenarios, simulated years), each kept in its own
/// place so the output order is the items' order, whatever order they finish in.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Value) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }

    /// Every result, in item order; call after all items are done.
    var all: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return values.map { $0! }
    }
}

import Synchronization

/// Results of work items run concurrently (scenarios, simulated years), each kept in its own
/// place so the output order is the items' order, whatever order they finish in.
final class ConcurrentResults<Value: Sendable>: Sendable {
    private let values: Mutex<[Value?]>

    init(count: Int) { values = Mutex(Array(repeating: nil, count: count)) }

    func set(_ i: Int, _ value: Value) {
        values.withLock { $0[i] = value }
    }

    /// Every result, in item order; call after all items are done.
    var all: [Value] {
        values.withLock { $0.map { $0! } }
    }
}

import Foundation

/// Work on a few threads at once, for requests that mostly wait on the network.
enum Parallel {
    /// `body` applied to each of `items` on up to `width` threads; the results in the items'
    /// order. The first error thrown is rethrown once all threads stopped (no new item is started
    /// after it).
    static func map<T: Sendable, R: Sendable>(_ items: [T], width: Int, _ body: @escaping @Sendable (T) throws -> R) throws -> [R] {
        let box = Results<R>(count: items.count)
        let threads = max(1, min(width, items.count))
        let group = DispatchGroup()
        for _ in 0..<threads {
            DispatchQueue.global(qos: .userInitiated).async(group: group) {
                while let i = box.claim() {
                    do {
                        box.put(i, try body(items[i]))
                    } catch {
                        box.fail(error)
                    }
                }
            }
        }
        group.wait()
        return try box.all()
    }

    /// Threading: every property is touched only with `lock` held.
    private final class Results<R>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [R?]
        private var next = 0
        private var error: Error?

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func claim() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard error == nil, next < values.count else { return nil }
            next += 1
            return next - 1
        }

        func put(_ i: Int, _ value: R) {
            lock.lock()
            values[i] = value
            lock.unlock()
        }

        func fail(_ error: Error) {
            lock.lock()
            if self.error == nil { self.error = error }
            lock.unlock()
        }

        func all() throws -> [R] {
            lock.lock()
            defer { lock.unlock() }
            if let error { throw error }
            return values.map { $0! }
        }
    }
}

import Foundation

/// Work started on a thread of its own, whose result is asked for later: hashing a national
/// export (3 GB) while the allocation runs on the other core.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result { try work() }
            self.done.leave()
        }
    }

    /// The result, once the work is done (waits for it); rethrows what the work threw.
    func value() throws -> Value {
        done.wait()
        return try result!.get()
    }
}

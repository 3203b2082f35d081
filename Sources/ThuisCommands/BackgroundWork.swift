import Foundation
import Synchronization

/// Work started on a thread of its own, whose result is asked for later: hashing a national
/// export (3 GB) while the allocation runs on the other core, or making the smaller output
/// files side by side. Work that cannot fail (`Failure == Never`) gives its value without `try`.
final class BackgroundWork<Value: Sendable, Failure: Error>: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<Result<Value, Failure>?>(nil)

    /// What the work waits at before it starts (nil: it starts at once); ``value()`` opens it.
    private let latch: Latch?

    init(after latch: Latch? = nil, _ work: @escaping @Sendable () throws(Failure) -> Value) {
        self.latch = latch
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            latch?.wait()
            let outcome: Result<Value, Failure>
            do throws(Failure) {
                outcome = .success(try work())
            } catch {
                outcome = .failure(error)
            }
            self.result.withLock { $0 = outcome }
            self.done.leave()
        }
    }

    /// The result, once the work is done (waits for it); rethrows what the work threw.
    func value() throws(Failure) -> Value {
        latch?.open()
        done.wait()
        return try result.withLock { $0! }.get()
    }
}

import Foundation
import Synchronization

/// Work started on a thread of its own, whose result is asked for later: hashing a national
/// export (3 GB) while the allocation runs on the other core, or making the smaller output
/// files side by side. Work that cannot fail (`Failure == Never`) gives its value without `try`.
final class BackgroundWork<Value: Sendable, Failure: Error>: Sendable {
    private let done = DispatchGroup()
    private let result = Mutex<Result<Value, Failure>?>(nil)

    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
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
        done.wait()
        return try result.withLock { $0! }.get()
    }
}

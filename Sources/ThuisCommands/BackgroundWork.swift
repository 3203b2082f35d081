import Foundation

/// Work started on a thread of its own, whose result is asked for later: hashing a national
/// export (3 GB) while the allocation runs on the other core, or making the smaller output
/// files side by side. Work that cannot fail (`Failure == Never`) gives its value without `try`.
final class BackgroundWork<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Result<Value, Failure>?

    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            do throws(Failure) {
                self.result = .success(try work())
            } catch {
                self.result = .failure(error)
            }
            self.done.leave()
        }
    }

    /// The result, once the work is done (waits for it); rethrows what the work threw.
    func value() throws(Failure) -> Value {
        done.wait()
        return try result!.get()
    }
}

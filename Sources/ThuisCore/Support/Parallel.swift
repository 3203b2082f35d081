import Dispatch
import Foundation

/// Work split over the machine's cores. Eligibility and ranking are independent per reaction
/// and per advert: each part writes its own indices of preallocated columns, so the result is
/// the same whatever the split and the number of cores.
enum Parallel {
    /// Calls `body` on consecutive ranges covering `0..<count` (about `parts` of them), several at once.
    static func forEachRange(_ count: Int, parts: Int = 64, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let parts = max(1, min(parts, count / 1024))
        if parts == 1 { return body(0..<count) }
        run(parts, body) { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    /// Calls `body` on consecutive ranges of `0..<count`, each holding about the same total
    /// `weight` (given as a running total: `weight(i)` is the weight of items `0..<i`).
    static func forEachRange(_ count: Int, parts: Int = 64, cumulative weight: (Int) -> Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let total = weight(count)
        let parts = max(1, min(parts, total / 4096, count))
        if parts == 1 { return body(0..<count) }
        // Part p starts at the first item whose running total reaches p/parts of the total.
        var bounds = [0]
        for p in 1..<parts {
            var low = bounds[bounds.count - 1], high = count
            let goal = total * p / parts
            while low < high {
                let mid = (low + high) / 2
                if weight(mid) < goal { low = mid + 1 } else { high = mid }
            }
            bounds.append(low)
        }
        bounds.append(count)
        let fixed = bounds
        run(parts, body) { part in fixed[part]..<fixed[part + 1] }
    }

    /// A column of `count` values made on several threads, `value(i)` at index `i`.
    static func column<T>(_ count: Int, _ value: (Int) -> T) -> ContiguousArray<T> {
        ContiguousArray(unsafeUninitializedCapacity: count) { buffer, initialized in
            forEachRange(count) { part in
                for i in part { (buffer.baseAddress! + i).initialize(to: value(i)) }
            }
            initialized = count
        }
    }

    /// The indices of `0..<count` where `test` holds, in order, tested on several threads: for
    /// scans of every reaction that find a few.
    static func indices(_ count: Int, where test: (Int) -> Bool) -> [Int] {
        let found = FoundIndices()
        forEachRange(count) { part in
            var here: [Int] = []
            for i in part where test(i) { here.append(i) }
            if !here.isEmpty { found.add(here) }
        }
        return found.all
    }

    /// The parts' bodies write disjoint indices of buffers the caller holds for the whole call,
    /// which is what Swift cannot see: hence the unchecked box.
    private static func run(_ parts: Int, _ body: (Range<Int>) -> Void, _ range: @escaping @Sendable (Int) -> Range<Int>) {
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let r = range(part)
                if !r.isEmpty { box.body(r) }
            }
        }
    }

    /// Threading: `body` runs on several threads at once, each call on a range no other call
    /// gets; the callers' bodies write only to their own range (`Parallel`'s contract), which is
    /// what the compiler cannot see.
    private struct UncheckedBody: @unchecked Sendable {
        let body: (Range<Int>) -> Void
    }
}

/// The parts' findings, gathered under a lock and put in order at the end.
private final class FoundIndices: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [[Int]] = []

    func add(_ indices: [Int]) {
        lock.lock()
        parts.append(indices)
        lock.unlock()
    }

    /// Every index found, in order (each part's are in order, and parts do not overlap).
    var all: [Int] { parts.sorted { $0[0] < $1[0] }.flatMap { $0 } }
}

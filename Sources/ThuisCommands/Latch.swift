import Foundation
import Synchronization

/// A door that opens once and stays open: ``BackgroundWork`` waits at it before it starts, so
/// work that competes for the cores can wait for the moment one is idle.
///
/// Opening twice is opening once. Whoever creates a latch opens it on every way out (a `defer`),
/// so no thread waits at it for ever.
final class Latch: Sendable {
    private let opened = Mutex(false)
    private let door = DispatchSemaphore(value: 0)

    /// Opens the latch: what waits at it goes on, and what comes later passes.
    func open() {
        let first = opened.withLock { wasOpen in
            defer { wasOpen = true }
            return !wasOpen
        }
        if first { door.signal() }
    }

    /// Waits until the latch is open.
    func wait() {
        door.wait()
        door.signal()   // let the next waiter through too
    }
}

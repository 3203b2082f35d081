import Foundation
import Synchronization
import Testing
@testable import ThuisCommands

/// Work that waits for an idle core: it starts when its latch opens, or when its value is asked.
@Suite struct BackgroundWorkTests {
    @Test("work after a latch starts only once the latch is open; every work at it then runs")
    func waitsForTheLatch() {
        let latch = Latch()
        let started = Mutex(0)
        let first = BackgroundWork(after: latch) { started.withLock { $0 += 1 }; return 1 }
        let second = BackgroundWork(after: latch) { started.withLock { $0 += 1 }; return 2 }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(started.withLock { $0 } == 0)
        latch.open()
        latch.open()   // twice is once
        #expect(first.value() + second.value() == 3)
        #expect(started.withLock { $0 } == 2)
    }

    @Test("asking for the value opens the latch: a run whose hook never came does not wait for ever")
    func valueOpensTheLatch() {
        let work = BackgroundWork(after: Latch()) { 42 }
        #expect(work.value() == 42)
    }

    @Test("work without a latch starts at once")
    func noLatch() throws {
        let work = BackgroundWork { () throws(CocoaError) -> Int in throw CocoaError(.fileNoSuchFile) }
        #expect(throws: CocoaError.self) { try work.value() }
    }
}

import Foundation
import Testing
import ThuisTestSupport

@Test(.enabled(if: ProcessInfo.processInfo.environment["THUIS_DUMP_SEED"] != nil))
func dumpRandom() throws {
    let seed = UInt64(ProcessInfo.processInfo.environment["THUIS_DUMP_SEED"]!)!
    try RandomMarket.export(seed: seed).write(toFile: "/tmp/dbg/export.xml", atomically: true, encoding: .utf8)
    try RandomMarket.policy(seed: seed, caps: false).write(toFile: "/tmp/dbg/policy.toml", atomically: true, encoding: .utf8)
}

import FuzzSupport
import Foundation
import ThuisCore
import ThuisXML

/// Where each input is written: the reader takes files (plain or gzip, any encoding).
let path = "/tmp/thuis-fuzz-export-\(getpid()).xml"

/// One input through the whole market build: it must end in a market or located errors, never a
/// crash, a hang, or unbounded memory.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { return 0 }
    let result = ExportReader.read([path], options: .init(errorLimit: 20))
    precondition(result.market != nil || !result.errors.isEmpty, "no market and no error")
    precondition(result.diagnostics.allSatisfy { $0.location == nil || $0.location!.file == path })
    if let market = result.market {
        // What allocation reads must hold together.
        market.checkInvariants()
    }
    return 0
}

@_cdecl("FuzzExport_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    defer { unlink(path) }
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

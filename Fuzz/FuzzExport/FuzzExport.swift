import FuzzSupport
import Foundation
import ThuisCore
import ThuisXML

/// Where each input is written: the reader takes files (plain or gzip, any encoding).
let path = "/tmp/thuis-fuzz-export-\(getpid()).xml"

/// One input through the whole market build: it must end in a market or located errors, never a
/// crash, a hang, or unbounded memory; and read in parts of 256 bytes, a parser per core, it
/// must give the same diagnostics and market as one parser.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard FileManager.default.createFile(atPath: path, contents: bytes) else { return 0 }
    var one = ExportReader.Options(errorLimit: 20), parted = one
    one.partBytes = 0
    parted.partBytes = 256
    let result = ExportReader.read([path], options: one)
    precondition(result.market != nil || !result.errors.isEmpty, "no market and no error")
    precondition(result.diagnostics.allSatisfy { $0.location == nil || $0.location!.file == path })
    if let market = result.market {
        // What allocation reads must hold together.
        market.checkInvariants()
    }
    let inParts = ExportReader.read([path], options: parted)
    precondition(inParts.diagnostics == result.diagnostics, "read in parts, other diagnostics")
    precondition(inParts.read == result.read && inParts.accepted == result.accepted, "read in parts, other records")
    if let a = result.market, let b = inParts.market {
        precondition(MarketSummary(a) == MarketSummary(b) && a.reactions.household == b.reactions.household
                     && a.reactions.advert == b.reactions.advert, "read in parts, another market")
    } else {
        precondition(inParts.market == nil && result.market == nil, "read in parts, a market only one way")
    }
    return 0
}

@_cdecl("FuzzExport_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    defer { unlink(path) }
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

import Foundation
import FuzzSupport
import ThuisCore
import ThuisReports

/// The summary the checked files are read against: deferred acceptance, relabelling on, and a
/// year to date for the demo's caps, so every check runs.
let summary: AllocationSummary = {
    let json = """
        {"thuis": "1.0", "lettings": 0, "lettingsPerGroup": {}, "unlet": [], "quotas": [], "daeb": [],
         "passend": {"scope": "region", "count": 0, "of": 0, "minimum": 0.95, "met": true},
         "batch": {"region": "fuzz", "peildatum": "2026-11-25", "adverts": 0, "households": 0, "reactions": 0, "eligibleReactions": 0},
         "run": {"exports": ["export.xml"], "policyFile": "policy.toml", "policy": "fuzz", "mechanism": "da", "seed": 1,
                 "labelling": "rotation", "relabel": true, "rounds": 1},
         "yearToDate": {"daeb-free-share": [{"scope": "MIT", "lettings": 3, "group": 1, "carryOver": 0}]}}
        """
    return try! JSONDecoder().decode(AllocationSummary.self, from: Data(json.utf8))
}()

/// One input: allocations.csv, candidates.csv, quota-report.csv and publication.csv, separated
/// by lines `%%`. Checking them must never crash or hang, whatever they hold; every problem is
/// located in one of the files.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var parts: [[UInt8]] = [[]]
    var i = 0
    while i < bytes.count {
        if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "%"), bytes[i + 2] == 0x0A, parts.count < 4 {
            parts.append([])
            i += 3
            continue
        }
        parts[parts.count - 1].append(bytes[i])
        i += 1
    }
    while parts.count < 3 { parts.append([]) }
    let check = ResultCheck.run(folder: "out", allocations: parts[0], candidates: parts[1], quotaReport: parts[2], summary: summary,
                                publication: parts.count > 3 ? parts[3] : [])
    precondition(check.problems.allSatisfy { $0.severity == .error && ($0.location.map { $0.file.hasPrefix("out/") } ?? true) })
    return 0
}

@_cdecl("FuzzResult_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

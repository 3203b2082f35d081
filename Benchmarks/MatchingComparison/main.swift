// Deferred acceptance alone, timed, and its input and result written for another implementation
// (Benchmarks/matching-check/compare.py runs the Python `matching` library's HospitalResident on
// them). The mechanism runs without caps: the textbook problem both solve.
//
//   thuis-matching-comparison EXPORT POLICY OUTDIR [RUNS]
// prints "thuis_da_seconds S" (the median of RUNS runs) and writes OUTDIR/preferences.json and
// OUTDIR/thuis-matching.json.
import Foundation
@_spi(Benchmarks) import ThuisCore
import ThuisPolicyFile
import ThuisXML

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: thuis-matching-comparison EXPORT POLICY OUTDIR [RUNS]\n".utf8))
    exit(64)
}
let runs = arguments.count > 4 ? max(1, Int(arguments[4]) ?? 21) : 21
guard let market = ExportReader.read([arguments[1]]).market else {
    FileHandle.standardError.write(Data("cannot read \(arguments[1])\n".utf8))
    exit(65)
}
let policy: Policy
switch PolicyFile.load(arguments[2]) {
case .success(let loaded): policy = loaded
case .failure(let error):
    FileHandle.standardError.write(Data("cannot read \(arguments[2]): \(error)\n".utf8))
    exit(65)
}
let stages = AllocationStages(market: market, policy: policy)

var seconds: [Double] = []
var holder: [Int32] = []
for _ in 0..<runs {
    let started = ContinuousClock.now
    holder = stages.deferredAcceptanceWithoutCaps()
    let elapsed = ContinuousClock.now - started
    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
seconds.sort()

let (households, adverts) = stages.preferenceLists()
let householdIDs = market.households.ids, advertIDs = market.adverts.ids
var residents: [String: [String]] = [:], hospitals: [String: [String]] = [:], capacities: [String: Int] = [:]
for (h, list) in households.enumerated() where !list.isEmpty {
    residents[householdIDs[h]] = list.map { advertIDs[Int($0)] }
}
for (a, list) in adverts.enumerated() where !list.isEmpty {
    hospitals[advertIDs[a]] = list.map { householdIDs[Int($0)] }
    capacities[advertIDs[a]] = 1
}
var matching: [String: String] = [:]
for (a, h) in holder.enumerated() where h >= 0 { matching[advertIDs[a]] = householdIDs[Int(h)] }

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
let out = URL(fileURLWithPath: arguments[3])
try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
struct Preferences: Encodable {
    let residents: [String: [String]]
    let hospitals: [String: [String]]
    let capacities: [String: Int]
}
try encoder.encode(Preferences(residents: residents, hospitals: hospitals, capacities: capacities))
    .write(to: out.appendingPathComponent("preferences.json"))
try encoder.encode(matching).write(to: out.appendingPathComponent("thuis-matching.json"))
print("thuis_da_seconds \(seconds[seconds.count / 2])")
print("households \(residents.count) adverts \(hospitals.count) reactions \(residents.values.reduce(0) { $0 + $1.count }) matched \(matching.count)")

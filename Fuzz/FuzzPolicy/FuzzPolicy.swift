import FuzzSupport
import ThuisCore
import ThuisPolicyFile

/// One policy file: a policy, or located problems, never a crash or a hang.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    switch PolicyFile.parse(text, file: "fuzz.toml") {
    case .success(let policy):
        precondition(policy.quotas.allSatisfy { q in policy.groups.contains { $0.name == q.group } })
    case .failure(let problems):
        precondition(!problems.diagnostics.isEmpty)
        precondition(problems.diagnostics.allSatisfy { $0.location?.file == "fuzz.toml" && $0.severity == .error })
    }
    return 0
}

@_cdecl("FuzzPolicy_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

import FuzzSupport
import ThuisCommands
import ThuisReports

/// One input: read as an outcomes CSV must never crash, hang or grow without bound; every
/// refusal is a located diagnostic.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let records = try CSVReader.records(bytes, file: "fuzz.csv")
        for record in records { precondition(!record.isEmpty && record.allSatisfy { $0.line >= 1 && $0.column >= 1 }) }
    } catch {
        let failure = CommandFailure(error)
        precondition(failure.diagnostics.allSatisfy { $0.location?.file == "fuzz.csv" })
        precondition(failure.exit == .dataError)
    }
    return 0
}

@_cdecl("FuzzCSV_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

import FuzzSupport
import ThuisCore
import ThuisCommands
import ThuisReports

/// One input: read as CSV, as an answers file (record-outcomes), as lettings made before Thuis
/// (import-lettings), and as the monitor's stock and programme files, must never crash, hang or
/// grow without bound; every refusal is a located diagnostic.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    func refused(_ error: any Error) {
        let failure = CommandFailure(error)
        precondition(!failure.diagnostics.isEmpty)
        precondition(failure.diagnostics.allSatisfy { $0.location?.file == "fuzz.csv" && $0.location!.line >= 1 })
        precondition(failure.exit == .dataError)
    }
    do {
        let records = try CSVReader.records(bytes, file: "fuzz.csv")
        for record in records { precondition(!record.isEmpty && record.allSatisfy { $0.line >= 1 && $0.column >= 1 }) }
    } catch { refused(error) }
    func located(_ errors: [Diagnostic]) {
        precondition(errors.count <= 100)
        precondition(errors.allSatisfy { $0.location?.file == "fuzz.csv" && $0.location!.line >= 1 && $0.location!.column >= 1 })
    }
    do {
        let answers = try OutcomesFile.parse(bytes, file: "fuzz.csv")
        located(answers.errors)
        precondition(answers.rows.allSatisfy { $0.line >= 2 && $0.advertColumn >= 1 && $0.dateColumn > $0.statusColumn })
        precondition(answers.rows.map(\.outcome).allSatisfy { $0.status != .offered && Day(iso: $0.date) != nil && !$0.advert.isEmpty && !$0.household.isEmpty })
    } catch { refused(error) }
    do {
        let lettings = try LettingsFile.parse(bytes, file: "fuzz.csv", groups: ["aandachtsgroepen", "urgenten"])
        located(lettings.errors)
        precondition(lettings.lettings.count == lettings.lines.count)
        precondition(lettings.lettings.allSatisfy { (1...100).contains($0.offer.letting.persons) && $0.offer.letting.municipality.count == 4 })
    } catch { refused(error) }
    do {
        let stock = try StockFile(bytes, file: "fuzz.csv")
        precondition(stock.entries.allSatisfy { $0.stock.socialRental <= $0.stock.dwellings && $0.stock.socialRental >= 0 })
    } catch { refused(error) }
    do {
        let programme = try ProgrammeFile(bytes, file: "fuzz.csv")
        precondition(programme.entries.allSatisfy { $0.plan.socialRental <= $0.plan.planned && $0.plan.socialRental >= 0 })
    } catch { refused(error) }
    return 0
}

@_cdecl("FuzzCSV_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

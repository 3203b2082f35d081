import Testing
import ThuisCore

/// A batch may come in any number of files: a fetched VERA batch has one per page, hundreds of
/// thousands for a country. Where a record was read is kept for every file (no 16-bit index).
@Suite struct ManyFilesTests {
    @Test("a record read from file 40,000 is located there, as is the one it repeats")
    func fileIndexPast16Bits() {
        var builder = MarketBuilder()
        builder.setBatch(BatchInfo(version: "1.0", referenceDate: Day(iso: "2026-11-25")!, region: "R"),
                         at: SourceLocation(file: "batch.json", line: 1, column: 1))
        for k in 1...40_000 { builder.beginFile("page-\(k).json") }
        let id: [UInt8] = Array("H1".utf8)
        let slot = id.withUnsafeBytes { builder.householdSlot($0) }
        builder.addHousehold(slot, HouseholdRecord(), members: [], priorities: [], line: 2, column: 1, problem: nil)
        builder.beginFile("page-40001.json")
        builder.addHousehold(slot, HouseholdRecord(), members: [], priorities: [], line: 3, column: 1, problem: nil)
        let result = builder.finish()
        #expect(result.errors.contains { $0.code == .duplicateID && $0.message.contains("first at page-40000.json:2:1") }, "\(result.errors)")
        #expect(result.errors.contains { $0.location?.file == "page-40001.json" && $0.location?.line == 3 })
    }
}

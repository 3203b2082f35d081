import Foundation
import GRDB
import Testing
@testable import ThuisCommands
import ThuisReports
import ThuisLedger
import ThuisTestSupport

/// Answers to offers: RFC 4180 files, located errors, all rows or none, an offer answered once.
@Suite struct RecordOutcomesTests {
    static let header = "advert_id,household_id,status,detail_status,date"

    /// A ledger holding the demo's batch (16 open offers, dated 2026-11-25), in a new folder.
    static func ledger() throws -> (URL, String) {
        let directory = Fixtures.temporaryDirectory()
        var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                      outPath: directory.appendingPathComponent("out").path)
        command.ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        command.createLedger = true
        #expect(command.run().exit == .ok)
        return (directory, command.ledgerPath!)
    }

    static func record(_ text: String, in directory: URL, _ ledger: String, correct: Bool = false) throws -> (CommandOutcome, String) {
        let file = directory.appendingPathComponent("answers-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: file)
        var command = RecordOutcomesCommand(file: file.path, ledgerPath: ledger)
        command.correct = correct
        return (command.run(), file.path)
    }

    static func statuses(_ ledger: String) throws -> [String: String] {
        let offers = try Ledger(path: ledger).read { try $0.offers(from: "2026-01-01", until: "2027-01-01") }
        return Dictionary(uniqueKeysWithValues: offers.map { ($0.offer.advert, $0.status.rawValue) })
    }

    @Test("CSV as spreadsheets write it: a byte order mark, CRLF, quoted fields with commas, quotes and line breaks")
    func rfc4180() throws {
        let records = try CSVReader.records(Array("\u{FEFF}a,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n,\"\"\n".utf8), file: "f.csv")
        #expect(records.map { $0.map(\.text) } == [["a", "b"], ["x, \"y\"", "two\nlines"], ["", ""]])
        #expect(records[1][1].line == 2 && records[1][1].column == 12)
        #expect(records[2][0].line == 5)
        let (directory, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (outcome, _) = try Self.record("\u{FEFF}\(Self.header)\r\n\"P02\",H09,TOE,\"\",2026-11-30\r\nP03,\"H19\",GEW,\"LIG\",2026-11-30\r\n", in: directory, ledger)
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("Recorded 2 outcome(s) in \(ledger)"))
        #expect(try Self.statuses(ledger)["P02"] == "TOE")
    }

    @Test("malformed CSV is a located error", arguments: [
        ("\"open", 1, 1, "TRUNCATED"), ("a\"b,c", 1, 2, "INVALID_VALUE"), ("\"a\"b", 1, 4, "INVALID_VALUE"),
        ("a,\u{FF}", 1, 3, "INVALID_ENCODING"),
    ])
    func malformed(_ text: String, _ line: Int, _ column: Int, _ code: String) {
        #expect { try CSVReader.records(Array(text.utf8).map { $0 == 0xC3 ? 0xFF : $0 }, file: "f.csv") } throws: { error in
            let failure = CommandFailure(error)
            return failure.diagnostics.first?.description.hasPrefix("f.csv:\(line):\(column): error: \(code): ") == true
        }
    }

    @Test("a field over 64 KiB is refused at its place")
    func longField() {
        let text = "a,b\nc," + String(repeating: "x", count: CSVReader.maximumFieldBytes + 1) + "\n"
        #expect { try CSVReader.records(Array(text.utf8), file: "f.csv") } throws: { error in
            CommandFailure(error).diagnostics.first?.description.hasPrefix("f.csv:2:3: error: VALUE_TOO_LONG: ") == true
        }
    }

    @Test("every bad row is located; one bad row and nothing is recorded")
    func locatedAllOrNothing() throws {
        let (directory, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = """
            \(Self.header)
            P02,H09,TOE,,2026-11-30
            P99,H09,TOE,,2026-11-30
            P03,H19,GEW,LIG,2026-11-20
            P02,H09,GEW,,2026-11-30

            """
        let (outcome, path) = try Self.record(text, in: directory, ledger)
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.contains("\(path):5:1: error: INVALID_VALUE: contradicts line 2 for the offer of P02 to H09"))
        let (second, path2) = try Self.record(text.replacingOccurrences(of: "P02,H09,GEW,,2026-11-30\n", with: ""), in: directory, ledger)
        #expect(second.exit == .dataError)
        #expect(second.stderr.contains("\(path2):3:1: error: UNKNOWN_ADVERT: the ledger holds no offer of P99 to H09"))
        #expect(second.stderr.contains("\(path2):4:17: error: INVALID_DATE: dated 2026-11-20, before the offer was made on 2026-11-25"))
        #expect(try Self.statuses(ledger).values.allSatisfy { $0 == "AAN" })
    }

    @Test("an offer is answered once: the same answer again changes nothing, another needs --correct and is kept as history")
    func answeredOnce() throws {
        let (directory, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Self.record("\(Self.header)\nP02,H09,TOE,,2026-11-30\n", in: directory, ledger).0.exit == .ok)
        let again = try Self.record("\(Self.header)\nP02,H09,TOE,,2026-11-30\n", in: directory, ledger).0
        #expect(again.exit == .ok)
        #expect(again.stdout.contains("Recorded 0 outcome(s)") && again.stdout.contains("1 were recorded already"))
        let (flip, path) = try Self.record("\(Self.header)\nP02,H09,GEW,,2026-12-01\n", in: directory, ledger)
        #expect(flip.exit == .dataError)
        #expect(flip.stderr.contains("\(path):2:9: error: INVALID_VALUE: the offer of P02 to H09 was answered TOE on 2026-11-30 already; give --correct"))
        #expect(try Self.statuses(ledger)["P02"] == "TOE")
        let corrected = try Self.record("\(Self.header)\nP02,H09,GEW,,2026-12-01\n", in: directory, ledger, correct: true).0
        #expect(corrected.exit == .ok)
        #expect(corrected.stdout.contains("corrected 1"))
        #expect(try Self.statuses(ledger)["P02"] == "GEW")
        let history = try DatabaseQueue(path: ledger).read { db in
            try Row.fetchAll(db, sql: "SELECT old_status, old_date, new_status, new_date FROM outcome_history")
        }
        #expect(history.count == 1)
        #expect(history.first?["old_status"] == "TOE" && history.first?["new_status"] == "GEW")
    }

    @Test("100,000 rows, mostly unknown offers: located errors (the first hundred), nothing recorded")
    func manyRows() throws {
        let (directory, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = Self.header + "\nP02,H09,TOE,,2026-11-30\n"
        for i in 0..<100_000 { text += "X\(i),H\(i),GEW,,2026-11-30\n" }
        let (outcome, path) = try Self.record(text, in: directory, ledger)
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.hasPrefix("\(path):3:1: error: UNKNOWN_ADVERT: the ledger holds no offer of X0 to H0\n"))
        #expect(outcome.stderr.split(separator: "\n").count == 101)
        #expect(outcome.stderr.hasSuffix("\(path):0:0: error: TOO_MANY_ERRORS: stopped listing after 100 errors; nothing was recorded\n"))
        #expect(try Self.statuses(ledger)["P02"] == "AAN")
    }

    @Test("every input in the fuzz corpus is read or refused with a located error, never a crash")
    func fuzzCorpus() throws {
        let folder = Fixtures.root.appendingPathComponent("Fuzz/corpus/csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!files.isEmpty)
        for name in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            do {
                _ = try CSVReader.records(bytes, file: name)
            } catch {
                #expect(CommandFailure(error).diagnostics.allSatisfy { $0.location?.file == name }, "\(name)")
            }
        }
    }
}

import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisReports
import ThuisTestSupport

/// Bad stock and programme files: an error at the field, nothing printed and no page written.
/// And the two stock layouts, CBS's and Thuis's own, read alike.
@Suite struct MonitorInputTests {
    /// The week's stock in Thuis's own layout, comma-separated: `gemeente,jaar,woningen,sociale_huur,inwoners,naam`.
    static func thuisLayout(_ week: NightlyWeek) throws -> String {
        let stock = try StockFile([UInt8](try Data(contentsOf: URL(fileURLWithPath: week.stock))), file: week.stock)
        // The wijken's and buurten's rows too: their CBS codes in the gemeente column.
        return "gemeente,jaar,woningen,sociale_huur,inwoners,naam\n" + (stock.entries.map { ($0.stock, $0.name) } + stock.areaEntries.map { ($0.stock, $0.name) }).map {
            "\($0.0.municipality),\($0.0.year),\($0.0.dwellings),\($0.0.socialRental),\($0.0.population!),\($0.1 ?? "")\n"
        }.joined()
    }

    static let programme = "gemeente,jaar,woningen,sociale_huur\n0363,2026,1000,400\n0479,2027,200,60\n"

    /// Runs the monitor on `stock` and `programme` texts with an `--html` page; checks that it
    /// fails with `exit`, that stderr holds `expected`, and that nothing was printed or written.
    func refused(stock: String? = nil, programme: String = Self.programme, period: String = "2026", key: FairShare.Key = .stock,
                 exit: SysExit = .dataError, _ expected: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let week = try NightlyWeek.shared.get()
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stockFile = directory.appendingPathComponent("stock.csv"), programmeFile = directory.appendingPathComponent("plan.csv")
        try (stock ?? Self.thuisLayout(week)).write(to: stockFile, atomically: true, encoding: .utf8)
        try programme.write(to: programmeFile, atomically: true, encoding: .utf8)
        let html = directory.appendingPathComponent("monitor.html").path
        let outcome = week.monitor {
            $0.stockPath = stockFile.path
            $0.programmePath = programmeFile.path
            $0.period = period
            $0.key = key
            $0.htmlPath = html
        }
        #expect(outcome.exit == exit, "\(outcome.stderr)", sourceLocation: sourceLocation)
        for e in expected {
            let text = e.replacingOccurrences(of: "STOCK", with: stockFile.path).replacingOccurrences(of: "PLAN", with: programmeFile.path)
            #expect(outcome.stderr.contains(text), "\(outcome.stderr)", sourceLocation: sourceLocation)
        }
        #expect(outcome.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: html), sourceLocation: sourceLocation)
    }

    @Test("a programme's municipality the stock file does not hold: UNKNOWN_MUNICIPALITY at its field")
    func unknownInProgramme() throws {
        try refused(programme: Self.programme + "9999,2026,10,3\n",
                    "PLAN:4:1: error: UNKNOWN_MUNICIPALITY: municipality 9999 is not in STOCK")
    }

    @Test("lettings in a municipality the stock file does not hold: UNKNOWN_MUNICIPALITY naming the ledger")
    func unknownInLedger() throws {
        let week = try NightlyWeek.shared.get()
        let stock = try Self.thuisLayout(week).split(separator: "\n").filter { !$0.hasPrefix("0880,") }.joined(separator: "\n") + "\n"
        try refused(stock: stock, "error: UNKNOWN_MUNICIPALITY: \(week.ledger) holds 2 accepted letting(s) and 0 open offer(s) in 2026 in municipality 0880, which is not in STOCK")
    }

    @Test("a row without a year, and a year the monitor needs that the stock lacks: MISSING_YEAR")
    func missingYear() throws {
        try refused(programme: Self.programme + "0363,,10,3\n", "PLAN:4:6: error: MISSING_YEAR: no year")
        let week = try NightlyWeek.shared.get()
        let without0363 = try Self.thuisLayout(week).split(separator: "\n").filter { !$0.hasPrefix("0363,2026,") }.joined(separator: "\n") + "\n"
        try refused(stock: without0363, "PLAN:2:1: error: MISSING_YEAR: STOCK has no stock for municipality 0363 in 2026 (figures for 2025 only)",
                    "in municipality 0363, for which the file has figures for 2025 only")
        try refused(period: "2027", "STOCK:1:1: error: MISSING_YEAR: no municipality has figures for 2027; the file has 2025, 2026")
        // CBS leaves the figures of a municipality that no longer exists empty (`.`): no error
        // until the monitor needs them.
        var cbs = try String(contentsOfFile: week.stock, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(cbs.firstIndex { $0.contains("\"T001235\";\"GM0880  \";\"2026JJ00\"") })
        var fields = cbs[line].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        for i in 4...10 { fields[i] = i % 2 == 0 ? "." : "" }
        cbs[line] = fields.joined(separator: ";")
        let unused = try #require(cbs.firstIndex { $0.contains("\"T001235\";\"GM0880  \";\"2025JJ00\"") })
        var old = cbs[unused].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        for i in 4...10 { old[i] = "." }
        cbs[unused] = old.joined(separator: ";")
        try refused(stock: cbs.joined(separator: "\n"),
                    "STOCK:\(line + 1):1: error: MISSING_YEAR: \(week.ledger) holds 2 accepted letting(s) and 0 open offer(s) in 2026 in municipality 0880, whose row has no figures for 2026")
    }

    @Test("negative counts, more social rental than dwellings, a municipality and year twice, a code that is none: located")
    func badCounts() throws {
        let week = try NightlyWeek.shared.get()
        let stock = try Self.thuisLayout(week)
        let added = stock.split(separator: "\n").count + 1
        try refused(stock: stock + "0999,2026,-5,0,10,X\n", "STOCK:\(added):11: error: NEGATIVE_COUNT: TotaleWoningvoorraad_1/woningen is -5: a count cannot be below zero")
        try refused(stock: stock + "WK036,2026,5,1,10,X\n", "STOCK:\(added):1: error: INVALID_AREA: 'WK036' is not a CBS wijk code")
        try refused(stock: stock + "0999,2026,5,6,10,X\n", "STOCK:\(added):13: error: SHARE_ABOVE_TOTAL: social rental 6 is more than the 5 dwellings in total (a share above 100%)")
        try refused(programme: Self.programme + "0363,2028,10,11\n", "PLAN:4:14: error: SHARE_ABOVE_TOTAL: sociale_huur 11 is more than the 10 dwellings in total")
        try refused(programme: "gemeente,jaar,woningen,sociale_huur,plan\n0363,2026,60000000,0,A\n0363,2026,60000000,0,B\n",
                    "PLAN:3:11: error: VALUE_OUT_OF_RANGE: the plans of municipality 0363 in 2026 add up to more than 100000000 dwellings")
        try refused(programme: Self.programme + "0363,2026,10,1\n", "PLAN:4:1: error: DUPLICATE_ID: municipality 0363 in 2026 is on line 2 already")
        try refused(programme: Self.programme + "363,2026,10,1\n", "PLAN:4:1: error: INVALID_MUNICIPALITY: '363' is not a CBS municipality code")
        try refused(programme: Self.programme + "0363,2026,ten,1\n", "PLAN:4:11: error: INVALID_NUMBER: woningen 'ten' is not a whole number")
        try refused(programme: Self.programme + "0363,2026\n", "PLAN:4:1: error: MISSING_FIELD: 2 field(s); the header has 4")
        try refused(programme: "gemeente,year,woningen,sociale_huur\n", "PLAN:1:1: error: MISSING_FIELD: no column for the year: the header needs one of jaar")
        // Every error of both files at once, not only the first.
        try refused(stock: stock + "0999,2026,-5,0,10,X\n", programme: Self.programme + "0363,2029,10,11\n",
                    "STOCK:\(added):11: error: NEGATIVE_COUNT", "PLAN:4:14: error: SHARE_ABOVE_TOTAL")
        try refused(programme: Self.programme + "0363,2028,-1,0\n0363,2029,10,11\n", "PLAN:4:11: error: NEGATIVE_COUNT", "PLAN:5:14: error: SHARE_ABOVE_TOTAL")
    }

    @Test("--key population needs the inhabitants of every municipality")
    func populationKey() throws {
        let week = try NightlyWeek.shared.get()
        let stock = try Self.thuisLayout(week).replacingOccurrences(of: ",inwoners,", with: ",other,")
        try refused(stock: stock, key: .population, "error: MISSING_FIELD: --key population needs the inhabitants of 0358 in 2026")
    }

    @Test("a missing stock file is FILE_NOT_FOUND (66); a FIFO is refused, not waited on (74)")
    func unreadable() throws {
        let week = try NightlyWeek.shared.get()
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = week.monitor { $0.stockPath = directory.appendingPathComponent("none.csv").path }
        #expect(missing.exit == .noInput)
        #expect(missing.stderr.contains("none.csv:0:0: error: FILE_NOT_FOUND") || missing.stderr.contains("none.csv: error: FILE_NOT_FOUND"))
        let fifo = directory.appendingPathComponent("fifo.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let refused = week.monitor { $0.programmePath = fifo }
        #expect(refused.exit == .ioError)
        #expect(refused.stderr.contains("READ_FAILED: not a regular file"))
    }

    @Test("CBS's layout and Thuis's own give the same monitor")
    func layouts() throws {
        let week = try NightlyWeek.shared.get()
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let thuis = directory.appendingPathComponent("stock.csv")
        try Self.thuisLayout(week).write(to: thuis, atomically: true, encoding: .utf8)
        for format in [MonitorCommand.Format.table, .csv] {
            let cbs = week.monitor { $0.format = format }
            let own = week.monitor { $0.format = format; $0.stockPath = thuis.path }
            #expect(cbs.exit == .ok && own.exit == .ok)
            // Only the note on the rows CBS's file holds beyond the municipalities' totals differs.
            func figures(_ s: String) -> [Substring] { s.split(separator: "\n").filter { !$0.hasPrefix("Note: ") } }
            #expect(figures(cbs.stdout) == figures(own.stdout))
        }
    }

    @Test("within each municipality: the wijken's lettings against their social stock, D and the concentrated wijken, in every format")
    func within() throws {
        let week = try NightlyWeek.shared.get()
        let json = week.monitor { $0.format = .json }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let within = try #require(object["within"] as? [[String: Any]])
        let amsterdam = try #require(within.first { $0["municipality"] as? String == "0363" })
        #expect(amsterdam["level"] as? String == "wijk" && amsterdam["key"] as? String == "stock")
        let areas = try #require(amsterdam["areas"] as? [[String: Any]])
        // The expected lettings add up to the municipality's lettings to the group, and the gaps to zero.
        let toGroup = areas.reduce(0) { $0 + ($1["to_group"] as! Int) }
        #expect(areas.reduce(0) { $0 + ($1["expected_households"] as! Int) } == toGroup)
        #expect(areas.reduce(0) { $0 + ($1["gap"] as! Int) } == 0)
        let d = try #require(amsterdam["dissimilarity"] as? Double)
        #expect((0...1).contains(d))
        let concentrated = try #require(amsterdam["concentrated_areas"] as? [String])
        #expect(!concentrated.isEmpty && concentrated.allSatisfy { $0.hasPrefix("WK0363") })
        let share = try #require(amsterdam["stock_share_concentrated"] as? Double)
        #expect(share >= 0.2)
        let table = week.monitor { _ in }.stdout
        #expect(table.contains("Within municipalities (per wijk)"))
        let csv = week.monitor { $0.format = .csv }.stdout
        #expect(csv.contains("2026,0363,within_dissimilarity,aandachtsgroepen,\(String(format: "%.6f", d))"))
    }

    @Test("--html writes a page the monitor wrote; a file it did not write is left alone (73)")
    func page() throws {
        let week = try NightlyWeek.shared.get()
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = directory.appendingPathComponent("monitor.html").path
        let first = week.monitor { $0.htmlPath = html }
        #expect(first.exit == .ok, "\(first.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains(MonitorPage.generator))
        #expect(!page.contains("<script") && !page.contains("http"))
        // Every row and cell closed: 14 municipalities and the region, two header rows.
        for tag in ["tr", "td", "th", "svg", "table", "thead", "tbody"] {
            let opened = page.components(separatedBy: "<\(tag)>").count + page.components(separatedBy: "<\(tag) ").count - 2
            #expect(opened == page.components(separatedBy: "</\(tag)>").count - 1, "\(tag)")
        }
        // The norms (14 municipalities, the region, two header rows), the fair share under each key
        // (two header rows), the spread within (a header row, every municipality let something).
        let tables = page.components(separatedBy: "<table>").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        #expect(tables.map { $0.components(separatedBy: "<tr").count - 1 } == [14 + 1 + 2, 14 + 2, 1 + 14])
        for (name, code) in [("Aalsmeer", "0358"), ("Amsterdam", "0363"), ("Wormerland", "0880")] { #expect(page.contains("<th>\(name) <small>\(code)</small></th>")) }
        // Dutch by default, the period the batches cover, red only for a norm not met.
        #expect(page.contains("<html lang=\"nl\">") && page.contains("verdeelronde(s), van 23 november 2026 tot en met 29 november 2026"))
        let red = page.components(separatedBy: "class=below>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(!red.isEmpty && red.allSatisfy { $0.hasPrefix("onder de norm") || $0.hasPrefix("onder de ondergrens") }, "\(red)")
        #expect(!page.contains("#c0504d"))
        // The notes and the floor's source in Dutch too.
        #expect(page.contains("zijn niet gelezen") && !page.contains("were not read"))
        #expect(page.contains("quotum aandachtsgroepen-30 van het beleid, een ondergrens per gemeente per ronde"))
        #expect(week.monitor { $0.htmlPath = html }.exit == .ok)

        let theirs = directory.appendingPathComponent("notes.html").path
        try "<html>my notes</html>".write(toFile: theirs, atomically: true, encoding: .utf8)
        let refused = week.monitor { $0.htmlPath = theirs }
        #expect(refused.exit == .cannotCreate)
        #expect(refused.stderr.contains("CANNOT_CREATE_OUTPUT: --html \(theirs) exists and is not a file Thuis wrote"))
        #expect(refused.stdout.isEmpty)
        #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "<html>my notes</html>")
    }

    @Test("the lettings floor says where it comes from, and whether the batches ran under the policy given")
    func floorSource() throws {
        let week = try NightlyWeek.shared.get()
        func json(_ configure: (inout MonitorCommand) -> Void) throws -> [String: Any] {
            let outcome = week.monitor { $0.format = .json; configure(&$0) }
            #expect(outcome.exit == .ok, "\(outcome.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        }
        let own = try json { _ in }
        #expect((own["norms"] as? [String: Any])?["lettings_floor_source"] as? String == "the policy's quota aandachtsgroepen-30, a floor per municipality per batch")
        #expect((own["inputs"] as? [String: Any])?["policy_matches_batches"] as? Bool == true)
        let none = try json { $0.policyPath = nil }
        #expect((none["norms"] as? [String: Any])?["lettings_floor_source"] as? String == "the programme's 30%: no --policy given")
        #expect((none["inputs"] as? [String: Any])?["policy_matches_batches"] == nil)
        let other = try json { $0.policyPath = Fixtures.path("policies/wachttijd-zonder-quotum.toml") }
        #expect((other["norms"] as? [String: Any])?["lettings_floor"] as? Double == 0)
        #expect((other["inputs"] as? [String: Any])?["policy_matches_batches"] as? Bool == false)
        #expect((other["notes"] as? [String])?.contains { $0.hasPrefix("the batches of 2026 ran under another policy than ") } == true)

        let unknown = week.monitor { $0.group = "woonwagenbewoners" }
        #expect(unknown.exit == .dataError)
        #expect(unknown.stderr.contains("error: UNKNOWN_GROUP: the policy has no group 'woonwagenbewoners'; its groups: aandachtsgroepen, statushouders, urgenten"))
        let early = week.monitor { $0.targetYear = 2025 }
        #expect(early.exit == .usage)
        #expect(early.stderr.contains("USAGE: --target-year must be from the period's year (2026) to 2100"))
    }

    @Test("a half-year counts its own lettings; the stock is its year's")
    func halfYear() throws {
        let week = try NightlyWeek.shared.get()
        func accepted(_ period: String) throws -> Int? {
            let outcome = week.monitor { $0.format = .json; $0.period = period }
            #expect(outcome.exit == .ok, "\(outcome.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            return ((json["region"] as? [String: Any])?["lettings"] as? [String: Any])?["accepted"] as? Int
        }
        #expect(try accepted("2026-H1") == 0)
        #expect(try accepted("2026-H2") == accepted("2026"))
        #expect(try accepted("2026")! > 250)
    }

    @Test("generate --stock writes a new file, the same bytes again, and nothing over another file or a FIFO (73, without waiting)")
    func generateWritesNoOtherFile() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func generate(_ path: String) -> CommandOutcome {
            var command = GenerateCommand(profile: .region, seed: 1, outPath: nil)
            command.stockPath = path
            return command.run()
        }
        let stock = directory.appendingPathComponent("stock.csv").path
        #expect(generate(stock).exit == .ok)
        #expect(generate(stock).exit == .ok)
        let theirs = directory.appendingPathComponent("theirs.csv").path
        try "gemeente\n".write(toFile: theirs, atomically: true, encoding: .utf8)
        #expect(generate(theirs).exit == .cannotCreate)
        #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "gemeente\n")
        let fifo = directory.appendingPathComponent("fifo.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(generate(fifo).exit == .cannotCreate)
    }
}

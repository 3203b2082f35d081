import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisLedger
import ThuisTestSupport

/// What an operator does with the ledger besides a night's run: answers as a spreadsheet saves
/// them, the lettings made before Thuis, the open offers at 08:00, a backup.
@Suite(.timeLimit(.minutes(2))) struct LedgerToolsTests {
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")

    @Test("answers saved by a Dutch spreadsheet: byte order mark, semicolons, DD-MM-YYYY and D-M-YYYY dates, an empty row, CRLF")
    func dutchSpreadsheet() throws {
        let (directory, ledger) = try RecordOutcomesTests.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "\u{FEFF}advert_id;household_id;status;detail_status;date\r\nP02;H09;TOE;;30-11-2026\r\n;;;;\r\nP03;H19;GEW;WBN;1-12-2026\r\nP04;H25;ING;DOC;01/12/2026\r\n"
        let (outcome, _) = try RecordOutcomesTests.record(text, in: directory, ledger)
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        let offers = try Ledger(path: ledger).read { try $0.offers(from: "2026-01-01", until: "2027-01-01") }
        let byAdvert = Dictionary(uniqueKeysWithValues: offers.map { ($0.offer.advert, $0) })
        #expect(byAdvert["P02"]?.status == .allocated && byAdvert["P02"]?.outcomeDate?.description == "2026-11-30")
        #expect(byAdvert["P03"]?.status == .refused && byAdvert["P03"]?.detailStatus == "WBN" && byAdvert["P03"]?.outcomeDate?.description == "2026-12-01")
        #expect(byAdvert["P04"]?.status == .withdrawn && byAdvert["P04"]?.outcomeDate?.description == "2026-12-01")
    }

    @Test("every problem of an answers file in one pass, in line order: the file's own and the ledger's; NUL refused; nothing recorded")
    func onePass() throws {
        let (directory, ledger) = try RecordOutcomesTests.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = "\(RecordOutcomesTests.header)\nP02,H09,TOE,,2026-11-30\nP99,H09,TOE,,2026-11-30\nP03,H19,MAYBE,,2026-11-30\nP04,H25,GEW,,2026-11-20\nP05,H05\u{0}X,GEW,,2026-11-30\nP06,H06,GEW,,31-11-2026\n"
        let (outcome, path) = try RecordOutcomesTests.record(text, in: directory, ledger)
        #expect(outcome.exit == .dataError)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(path):3:1: error: UNKNOWN_ADVERT: the ledger holds no offer of P99 to H09",
            "\(path):4:9: error: INVALID_CODE: status 'MAYBE' is not TOE, GEW or ING",
            "\(path):5:14: error: INVALID_DATE: dated 2026-11-20, before the offer was made on 2026-11-25",
            "\(path):6:5: error: INVALID_VALUE: a NUL character in a field: no id or code holds one",
            "\(path):7:14: error: INVALID_DATE: date '31-11-2026' is not a date (YYYY-MM-DD or DD-MM-YYYY)",
        ])
        #expect(try RecordOutcomesTests.statuses(ledger).values.allSatisfy { $0 == "AAN" })
    }

    @Test("lettings before Thuis: imported all or none, counted in the year to date, their households housed; the same file again changes nothing")
    func importLettings() throws {
        let s = try OfferScenario()
        defer { s.remove() }
        let export = s.night(Day(iso: "2026-11-02")!, seed: 1)
        var probe = AllocateCommand(exports: [export], policyPath: s.policy, outPath: s.path("probe"))
        probe.ledgerPath = nil
        #expect(probe.run().exit == .ok)
        let winner = try s.lettings("probe")[0]
        let file = s.path("before.csv")
        try """
            date;advert;household;municipality;corporation;groups;persons;social;above_daeb;benefit_eligible;passend_exception
            15-06-2026;OLD-1;\(winner.household);0363;C0363-1;"aandachtsgroepen;urgenten";2;ja;nee;ja;nee
            2026-07-01;OLD-2;HX2;0363;C0363-1;;1;true;false;false;false

            """.write(toFile: file, atomically: true, encoding: .utf8)
        var command = ImportLettingsCommand(file: file, ledgerPath: s.ledgerPath)
        command.policyPath = s.policy
        let imported = command.run()
        #expect(imported.exit == .ok, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Imported 2 letting(s) of 2026-06-15 to 2026-07-01 from \(file) into \(s.ledgerPath) as batch import-"))
        #expect(command.run().stdout.hasPrefix("\(file) was imported already as batch import-"))
        let lettings = try Ledger(path: s.ledgerPath).read { try $0.lettings(from: "2026-01-01", until: "2027-01-01") }
        #expect(lettings.count == 2 && lettings.filter { $0.groups.contains("aandachtsgroepen") }.count == 1)
        // The imported household is housed: the night does not offer it anything.
        #expect(s.allocate([export], out: "a").exit == .ok)
        #expect(try s.candidates("a")["\(winner.advert) \(winner.household)"]?[4] == "ALREADY_HOUSED")
        let summary = try String(contentsOfFile: s.path("a/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"aandachtsgroepen-30\" : ["))

        let bad = s.path("bad.csv")
        try """
            date,advert,household,municipality,corporation,groups,persons,social,above_daeb,benefit_eligible,passend_exception
            2026-07-02,OLD-1,HX3,0363,C0363-1,,1,true,false,false,false
            2026-07-02,OLD-5,HX4,363,C0363-1,onbekend,0,misschien,false,false,false

            """.write(toFile: bad, atomically: true, encoding: .utf8)
        var refused = ImportLettingsCommand(file: bad, ledgerPath: s.ledgerPath)
        refused.policyPath = s.policy
        let outcome = refused.run()
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.split(separator: "\n").map(String.init) == [
            "\(bad):2:1: error: ADVERT_ALREADY_OFFERED: advert OLD-1 has an accepted offer in the ledger (batch \(imported.stdout.firstMatch(of: /batch (import-\w+)/)!.1), 2026-06-15)",
            "\(bad):3:22: error: INVALID_MUNICIPALITY: municipality '363' is not a CBS code of four digits",
            "\(bad):3:34: error: UNKNOWN_GROUP: group 'onbekend' is not a group of the policy (aandachtsgroepen, statushouders, urgenten)",
            "\(bad):3:43: error: INVALID_NUMBER: persons '0' is not a household size (1 to 100)",
            "\(bad):3:45: error: INVALID_VALUE: social 'misschien' is not true or false",
        ])
        #expect(try Ledger(path: s.ledgerPath).read { try $0.batchIDs() }.count == 2)
    }

    @Test("an answers or lettings file that is a FIFO is refused (74), not waited on; a missing one is FILE_NOT_FOUND (66)")
    func notAFile() throws {
        let (directory, ledger) = try RecordOutcomesTests.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("answers.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let answers = RecordOutcomesCommand(file: fifo, ledgerPath: ledger).run()
        #expect(answers.exit == .ioError && answers.stderr.contains("error: READ_FAILED: not a regular file"))
        let lettings = ImportLettingsCommand(file: fifo, ledgerPath: ledger).run()
        #expect(lettings.exit == .ioError && lettings.stderr.contains("error: READ_FAILED: not a regular file"))
        let missing = ImportLettingsCommand(file: directory.appendingPathComponent("none.csv").path, ledgerPath: ledger).run()
        #expect(missing.exit == .noInput && missing.stderr.contains("error: FILE_NOT_FOUND: cannot open"))
    }

    @Test("offers: the open offers by age with filters, as a table, CSV and JSON")
    func openOffers() throws {
        let (directory, ledger) = try RecordOutcomesTests.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        var list = OffersCommand(ledgerPath: ledger, on: Day(iso: "2026-11-28")!)
        let table = list.run()
        #expect(table.stdout.hasPrefix("Open offers on 2026-11-28: 16\n\nadvert  household  batch"))
        list.municipality = "0321"
        list.format = .csv
        let csv = list.run().stdout.split(separator: "\n")
        #expect(csv.first == "advert_id,household_id,batch_id,offered_on,deadline,age_days,position,reserved_for,municipality,corporation")
        #expect(csv.count == 5 && csv.dropFirst().allSatisfy { $0.hasSuffix(",0321,VIV") && $0.contains(",2026-11-25,,3,") })
        list.olderThan = 3
        #expect(list.run().stdout == "advert_id,household_id,batch_id,offered_on,deadline,age_days,position,reserved_for,municipality,corporation\n")
        list.olderThan = nil
        list.format = .json
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.run().stdout.utf8)) as? [String: Any])
        #expect(json["on"] as? String == "2026-11-28")
        #expect((json["offers"] as? [[String: Any]])?.count == 4)
    }

    @Test("offers expire withdraws only the late offers within its filters: one corporation's in a region's ledger")
    func expireWithinFilters() throws {
        let (directory, ledger) = try RecordOutcomesTests.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.toml").path
        try (try String(contentsOfFile: Self.policy, encoding: .utf8) + "\n[offers]\nanswer_days = 2\n").write(toFile: policy, atomically: true, encoding: .utf8)
        var expire = OffersCommand(ledgerPath: ledger, on: Day(iso: "2026-11-30")!)
        expire.expire = true
        expire.corporation = "VIV"
        expire.policyPath = policy
        let outcome = expire.run()
        #expect(outcome.stdout.hasPrefix("Withdrew 4 offer(s) past their deadline on 2026-11-30 (corporation VIV) (ING, REA"))
        let offers = try Ledger(path: ledger).read { try $0.offers(from: "2026-01-01", until: "2027-01-01") }
        #expect(offers.filter { $0.status == .withdrawn }.allSatisfy { $0.offer.letting.corporation == "VIV" && $0.detailStatus == "REA" })
        #expect(offers.filter { $0.status == .withdrawn }.count == 4 && offers.filter { $0.status == .offered }.count == 12)
    }

    @Test("ledger backup: a consistent copy in a new file; an existing file is never replaced")
    func backup() throws {
        let (directory, ledger) = try RecordOutcomesTests.ledger()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("backup.sqlite").path
        let made = LedgerBackupCommand(ledgerPath: ledger, to: copy).run()
        #expect(made.exit == .ok)
        #expect(made.stdout.hasSuffix(": 1 batch(es), integrity_check ok.\n"))
        #expect(try Ledger(path: copy).read { try $0.offers(from: "2026-01-01", until: "2027-01-01") }
            == Ledger(path: ledger).read { try $0.offers(from: "2026-01-01", until: "2027-01-01") })
        try "mine".write(toFile: copy, atomically: true, encoding: .utf8)
        let refused = LedgerBackupCommand(ledgerPath: ledger, to: copy).run()
        #expect(refused.exit == .cannotCreate)
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == "mine")
    }

    @Test("[[quotas.so_far]] still reads, with a DEPRECATED_KEY warning that points to import-lettings")
    func soFarWarns() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try String(contentsOfFile: Self.policy, encoding: .utf8)
            + "\n[[quotas.so_far]]\nscope = \"0344\"\nlettings = 10\ngroup = 3\n"
        let policy = directory.appendingPathComponent("policy.toml").path
        try text.write(toFile: policy, atomically: true, encoding: .utf8)
        var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: policy, outPath: directory.appendingPathComponent("out").path)
        command.ledgerPath = nil
        let outcome = command.run()
        #expect(outcome.exit == .ok)
        #expect(outcome.stderr.contains("policy.toml:"))
        #expect(outcome.stderr.contains(": warning: DEPRECATED_KEY: quotas[") && outcome.stderr.contains("thuis ledger import-lettings"))
    }

    @Test("[legal.expected_lettings] gives the legal caps room in a year without lettings; without it they have none yet, and say so")
    func expectedLettings() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func run(_ extra: String) throws -> String {
            let policy = directory.appendingPathComponent("policy-\(extra.count).toml").path
            try (try String(contentsOfFile: Self.policy, encoding: .utf8) + extra).write(toFile: policy, atomically: true, encoding: .utf8)
            var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: policy, outPath: directory.appendingPathComponent("out-\(extra.count)").path)
            command.ledgerPath = nil
            return command.run().stdout
        }
        let without = try run("")
        #expect(without.contains("daeb-free-share corporation MIT: cap 0, achieved 0 — no room yet (the period's lettings so far allow none)"))
        let with = try run("\n[legal.expected_lettings]\nMIT = 400\nPOR = 400\nJUT = 200\nVIV = 200\n")
        #expect(with.contains("daeb-free-share corporation MIT: cap 30,"))
        #expect(with.contains("passend-exceptions corporation JUT: cap 10,"))
        #expect(!with.contains("no room yet"))
    }
}

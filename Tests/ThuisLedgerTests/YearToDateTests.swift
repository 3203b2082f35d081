import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisGenerator
import ThuisLedger
import ThuisPolicyFile
import ThuisTestSupport

/// Quotas over a year of nightly batches, and half-year tasks carrying a shortfall over.
@Suite struct YearToDateTests {
    static func offer(_ advert: String, groups: [String], persons: Int) -> OfferRow {
        OfferRow(advert: advert, household: "H-\(advert)", position: 1, reservedFor: nil,
                 letting: LettingRecord(municipality: "0344", corporation: "MIT", groups: Set(groups), persons: persons, social: true,
                                        aboveDaebLimit: false, benefitEligible: false, passendException: false))
    }

    static func batch(_ id: String, _ day: String) -> BatchRecord {
        BatchRecord(id: id, peildatum: day, region: "Test", exportSHA256: id, policySHA256: "p", seed: 1, mechanism: "da",
                    thuisVersion: "test", startedAt: day, finishedAt: day, adverts: 3, lettings: 3, summary: "")
    }

    @Test("a half-year task counts persons and carries the previous half-year's shortfall over")
    func halfYearCarryOver() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try Ledger(path: directory.appendingPathComponent("thuis.sqlite").path, create: true)
        try ledger.transaction { tx in
            try tx.record(Self.batch("march", "2026-03-01"), offers: [
                Self.offer("P1", groups: ["statushouders"], persons: 4), Self.offer("P2", groups: [], persons: 2),
            ])
            try tx.record(Self.batch("july", "2026-07-10"), offers: [Self.offer("P3", groups: ["statushouders"], persons: 3)])
        }
        var quota = Quota(name: "task", group: "statushouders", kind: .floor, amount: .count(10))
        quota.unit = .persons
        quota.scope = .region
        quota.period = .halfYear
        var policy = Policy()
        policy.groups = [GroupDefinition(name: "statushouders", categories: [.statusHolder])]
        policy.quotas = [quota]
        let applied = try ledger.read { try YearToDate.state(for: policy, on: Day(iso: "2026-08-01")!, in: $0) }
        let soFar = try #require(applied.quotas["task"]?.first)
        #expect(soFar.scopeValue == "region")
        #expect(soFar.lettings == 1)     // July's letting, this half-year
        #expect(soFar.group == 3)        // persons housed this half-year
        #expect(soFar.carryOver == 6)    // the first half-year housed 4 of 10
        // Refused and withdrawn offers are not lettings.
        _ = try ledger.transaction { try $0.record([OfferOutcome(advert: "P3", household: "H-P3", status: .refused, detailStatus: "", date: "2026-07-20")], source: "test") }
        let after = try ledger.read { try YearToDate.state(for: policy, on: Day(iso: "2026-08-01")!, in: $0) }
        #expect(after.quotas["task"]?.first?.group ?? 0 == 0)
    }

    @Test("a yearly buurt cap counts the ledger's lettings per buurt; lettings recorded without areas count in none")
    func yearlyBuurtCap() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledger = try Ledger(path: directory.appendingPathComponent("thuis.sqlite").path, create: true)
        func placed(_ advert: String, _ buurt: String?, urgent: Bool) -> OfferRow {
            var row = Self.offer(advert, groups: urgent ? ["urgenten"] : [], persons: 1)
            if let buurt { row.letting.areas = [.district: "WK034403", .neighbourhood: buurt] }
            return row
        }
        try ledger.transaction { tx in
            try tx.record(Self.batch("march", "2026-03-01"), offers: [
                placed("P1", "BU03440301", urgent: true), placed("P2", "BU03440301", urgent: false),
                placed("P3", "BU03440302", urgent: true), placed("P4", nil, urgent: true),
            ])
        }
        var quota = Quota(name: "spread", group: "urgenten", kind: .cap, amount: .share(1.0 / 3))
        quota.scope = .neighbourhood
        quota.period = .year
        var policy = Policy()
        policy.groups = [GroupDefinition(name: "urgenten", categories: [.medical])]
        policy.quotas = [quota]
        let state = try ledger.read { try YearToDate.state(for: policy, on: Day(iso: "2026-08-01")!, in: $0) }
        let figures = try #require(state.quotas["spread"])
        #expect(figures == [Quota.SoFar(scopeValue: "BU03440301", lettings: 2, group: 1), Quota.SoFar(scopeValue: "BU03440302", lettings: 1, group: 1)])
        let rows = try ledger.read { try $0.lettings(from: "2026-01-01", until: "2027-01-01") }
        #expect(PeriodFigures.unplaced(rows, .neighbourhood) == 1)
        #expect(PeriodFigures.unplaced(rows, .municipality) == 0)
    }

    @Test("a year of nightly batches keeps a yearly 30% floor within one letting of its target")
    func yearlyFloor() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policyPath = directory.appendingPathComponent("policy.toml").path
        try """
            name = "yearly floor"
            labelling = "demand"
            seed = 3
            [eligibility]
            daeb_income = "off"
            passend = "off"
            [groups]
            aandachtsgroepen = ["MED", "SOC", "DAK", "STA", "UIT", "HUI", "GEW"]
            [ranking]
            keys = ["registration", "lottery"]
            [[quotas]]
            name = "aandacht-30"
            group = "aandachtsgroepen"
            kind = "floor"
            share = 0.30
            scope = "region"
            period = "year"

            """.write(toFile: policyPath, atomically: true, encoding: .utf8)
        let ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        for batch in 0..<24 {
            var generator = ExportGenerator(profile: .nightly, seed: UInt64(batch + 1))
            generator.scale = 0.1
            generator.priorityShare = 0.12
            generator.referenceDate = Day(year: 2026, month: 1 + batch / 2, day: batch % 2 == 0 ? 10 : 25)
            generator.advertPrefix = "N\(batch)-"
            let export = directory.appendingPathComponent("batch-\(batch).xml").path
            _ = try generator.write(to: export)
            var command = AllocateCommand(exports: [export], policyPath: policyPath,
                                          outPath: directory.appendingPathComponent("out-\(batch)").path)
            command.ledgerPath = ledgerPath
            command.createLedger = true
            let outcome = command.run()
            #expect(outcome.exit == .ok, "\(outcome.stderr)")
            // Each night verifies from its files, the year to date it read included (every
            // sixth night in a sampled run).
            if PropertyRuns.full || batch % 6 == 5 {
                var verify = VerifyCommand(outPath: command.outPath)
                verify.ledgerPath = ledgerPath
                let verified = verify.run()
                #expect(verified.exit == .ok, "batch \(batch): \(verified.stderr)")
                #expect(verified.stdout.contains("against the ledger as batch"))
            }
        }
        // A year to date raised by 6 in summary.json (manifest rehashed) passes the files' own
        // checks but not the ledger's, which a later night's records do not confuse.
        let last = directory.appendingPathComponent("out-11").path
        let summaryPath = last + "/summary.json"
        var summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: summaryPath))) as? [String: Any])
        var yearToDate = try #require(summary["yearToDate"] as? [String: [[String: Any]]])
        var row = try #require(yearToDate["aandacht-30"]?.first)
        let group = try #require(row["group"] as? Int)
        row["group"] = group + 6
        yearToDate["aandacht-30"] = [row]
        summary["yearToDate"] = yearToDate
        try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .prettyPrinted]).write(to: URL(fileURLWithPath: summaryPath))
        let names = try FileManager.default.contentsOfDirectory(atPath: last).filter { $0 != OutputFolder.manifestName }.sorted()
        try names.map { "\(try Fingerprint.sha256(files: [last + "/" + $0]))  \($0)\n" }.joined()
            .write(toFile: last + "/" + OutputFolder.manifestName, atomically: true, encoding: .utf8)
        var verify = VerifyCommand(outPath: last)
        verify.ledgerPath = ledgerPath
        let tampered = verify.run()
        #expect(tampered.exit == .dataError)
        #expect(tampered.stderr.contains("REPORT_MISMATCH: the year to date of aandacht-30 in region: summary.json says \(group + 6) of"), "\(tampered.stderr)")
        #expect(tampered.stderr.contains("but the ledger held \(group) of"))
        var report = ReportCommand(ledgerPath: ledgerPath, period: "2026")
        report.format = .json
        let json = report.run()
        #expect(json.exit == .ok)
        let ledger = try Ledger(path: ledgerPath)
        let offers = try ledger.read { try $0.lettings(from: "2026-01-01", until: "2027-01-01") }
        let members = offers.filter { $0.groups.contains("aandachtsgroepen") }.count
        let target = Int((0.30 * Double(offers.count)).rounded(.up))
        #expect(offers.count > 300)
        #expect(members >= target - 1, "\(members) of \(offers.count) lettings to aandachtsgroepen; target \(target)")
        // The report's numbers are the sum of the batches' outputs.
        var letByOutputs = 0
        for batch in 0..<24 {
            let csv = try String(contentsOfFile: directory.appendingPathComponent("out-\(batch)/allocations.csv").path, encoding: .utf8)
            letByOutputs += csv.split(separator: "\n").dropFirst().filter { !$0.split(separator: ",", omittingEmptySubsequences: false)[1].isEmpty }.count
        }
        #expect(letByOutputs == offers.count)
        #expect(json.stdout.contains("\"offers\" : \(offers.count)"))
    }

    @Test("a peildatum at either end of the calendar runs with a ledger, and never crashes", arguments: ["0001-01-01", "0001-06-30", "9999-12-31"])
    func calendarEnds(_ peildatum: String) throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let demo = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        let export = directory.appendingPathComponent("export.xml")
        try demo.replacingOccurrences(of: #"peildatum="2026-11-25""#, with: "peildatum=\"\(peildatum)\"")
            .write(to: export, atomically: true, encoding: .utf8)
        var command = AllocateCommand(exports: [export.path], policyPath: Fixtures.path("policies/punten-amsterdam.toml"),
                                      outPath: directory.appendingPathComponent("out").path)
        command.ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        command.createLedger = true
        let outcome = command.run()
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("peildatum \(peildatum)"))
    }
}

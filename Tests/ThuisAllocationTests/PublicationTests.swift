import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// publication.csv: how each let advert was let, no household ids; the same from the output
/// folder and from the ledger, and as a page.
@Suite(.timeLimit(.minutes(3))) struct PublicationTests {
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")

    @Test("the demo's publication: one line per let advert, with what decided it, and no household id")
    func demo() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        let ledger = directory.appendingPathComponent("thuis.sqlite").path
        var allocate = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: Self.policy, outPath: out)
        allocate.ledgerPath = ledger
        allocate.createLedger = true
        #expect(allocate.run().exit == .ok)
        let csv = try String(contentsOfFile: out + "/publication.csv", encoding: .utf8)
        let lines = csv.split(separator: "\n")
        // A run with a ledger makes offers: every row is offered, with its dwelling.
        #expect(lines.first == "advert_id,published,municipality,corporation,model,reactions,eligible,let_by,position,registration_months,priority,reserved_for,rooms,target_group,status,let_on,batch_id")
        #expect(lines.count == 17)
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",offered,,") })
        #expect(lines.contains { $0.hasPrefix("P01,2026-11-04,0344,MIT,AAN,7,4,registration,1,90,,,") })
        #expect(lines.contains { $0.hasPrefix("P07,2026-11-07,0344,MIT,LOT,13,13,lottery,1,20,UIT,,") })
        #expect(lines.contains { $0.hasPrefix("P09,2026-11-05,0356,JUT,AAN,11,10,priority,1,32,STA,aandachtsgroepen-30,") })
        #expect(lines.contains { $0.hasPrefix("P16,2026-11-07,0321,VIV,DIS,4,1,direct,,211,HUI,,") })
        #expect(csv.firstMatch(of: /,H\d\d/) == nil, "no household id")

        let fromFolder = try ThuisProcess.run(["publication", "--out", out])
        #expect(fromFolder.exitCode == 0)
        #expect(fromFolder.stdout == csv)
        let batch = String(try #require(try ThuisProcess.run(["ledger", "status", "--ledger", ledger]).stdout
            .firstMatch(of: /batches: 1, from (\S+)/)).1)
        // The ledger publishes lettings: none before the answers, then the accepted ones.
        let before = try ThuisProcess.run(["publication", "--ledger", ledger, "--batch", batch])
        #expect(before.exitCode == 0)
        #expect(before.stdout == String(lines[0]) + "\n")
        let allocations = try String(contentsOfFile: out + "/allocations.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        var answers = "advert_id,household_id,status,detail_status,date\n"
        for row in allocations {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            answers += "\(f[0]),\(f[1]),\(f[0] == "P05" ? "GEW" : "TOE"),,2026-11-27\n"
        }
        try answers.write(toFile: directory.appendingPathComponent("answers.csv").path, atomically: true, encoding: .utf8)
        #expect(RecordOutcomesCommand(file: directory.appendingPathComponent("answers.csv").path, ledgerPath: ledger).run().exit == .ok)
        let fromLedger = try ThuisProcess.run(["publication", "--ledger", ledger, "--batch", batch])
        #expect(fromLedger.exitCode == 0)
        let expected = lines.dropFirst().filter { !$0.hasPrefix("P05,") }
            .map { $0.replacingOccurrences(of: ",offered,,", with: ",let,2026-11-27,\(batch)") }
        #expect(fromLedger.stdout == ([String(lines[0])] + expected).joined(separator: "\n") + "\n")
        let period = try ThuisProcess.run(["publication", "--ledger", ledger, "--period", "2026"])
        #expect(period.stdout == fromLedger.stdout)

        let page = directory.appendingPathComponent("publication.html").path
        let html = try ThuisProcess.run(["publication", "--out", out, "--html", page])
        #expect(html.stdout == "Wrote \(page): 16 dwelling(s)\n")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("<html lang=\"nl\">"))
        #expect(text.contains("16 woning(en) aangeboden"))
        #expect(text.contains("<td>P09</td><td>2026-11-05</td><td>Nieuwegein (0356)</td><td>JUT</td>"))
        #expect(text.contains("<td>aanbodmodel</td><td class=n>11</td><td class=n>10</td><td>voorrang (urgentie)</td><td class=n>1</td><td>2 jaar 8 mnd</td><td>statushouder</td><td>aandachtsgroepen-30</td><td>aangeboden, wacht op antwoord</td>"))
        let english = try ThuisProcess.run(["publication", "--ledger", ledger, "--period", "2026", "--html", page, "--lang", "en"])
        #expect(english.exitCode == 0)
        let let15 = try String(contentsOfFile: page, encoding: .utf8)
        #expect(let15.contains("15 dwelling(s) let."))
        #expect(let15.contains("<td>priority (urgency)</td><td class=n>1</td><td>2 yr 8 mo</td><td>status holder (refugee with a residence permit)</td><td>aandachtsgroepen-30</td><td>let on 2026-11-27</td>"))
        #expect(!let15.contains("<td>P05</td>"))

        // A folder edited after the run is not published from.
        try "x".write(toFile: out + "/publication.csv", atomically: true, encoding: .utf8)
        let edited = try ThuisProcess.run(["publication", "--out", out])
        #expect(edited.exitCode == 65)
        #expect(edited.stderr.contains("MANIFEST_MISMATCH"))
    }
}

import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// publication.csv: how each let advert was let, no household ids; the same from the output
/// folder and from the ledger, and as a page.
@Suite struct PublicationTests {
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
        #expect(lines.first == "advert_id,published,municipality,corporation,model,reactions,eligible,let_by,position,registration_months,priority,reserved_for")
        #expect(lines.count == 17)
        #expect(lines.contains("P01,2026-11-04,0344,MIT,AAN,7,4,registration,1,90,,"))
        #expect(lines.contains("P07,2026-11-07,0344,MIT,LOT,13,13,lottery,1,20,UIT,"))
        #expect(lines.contains("P09,2026-11-05,0356,JUT,AAN,11,10,priority,1,32,STA,aandachtsgroepen-30"))
        #expect(lines.contains("P16,2026-11-07,0321,VIV,DIS,4,1,direct,,211,HUI,"))
        #expect(csv.firstMatch(of: /,H\d\d/) == nil, "no household id")

        let fromFolder = try ThuisProcess.run(["publication", "--out", out])
        #expect(fromFolder.exitCode == 0)
        #expect(fromFolder.stdout == csv)
        let batch = try #require(try ThuisProcess.run(["ledger", "status", "--ledger", ledger]).stdout
            .firstMatch(of: /batches: 1, from (\S+)/)).1
        let fromLedger = try ThuisProcess.run(["publication", "--ledger", ledger, "--batch", String(batch)])
        #expect(fromLedger.exitCode == 0)
        #expect(fromLedger.stdout == csv)

        let page = directory.appendingPathComponent("publication.html").path
        let html = try ThuisProcess.run(["publication", "--out", out, "--html", page])
        #expect(html.stdout == "Wrote \(page): 16 letting(s)\n")
        let text = try String(contentsOfFile: page, encoding: .utf8)
        #expect(text.contains("<td>P09</td><td>2026-11-05</td><td>0356</td><td>JUT</td><td>offer model</td><td class=n>11</td><td class=n>10</td><td>priority (urgency)</td><td class=n>1</td><td>2 yr 8 mo</td><td>STA</td><td>aandachtsgroepen-30</td>"))

        // A folder edited after the run is not published from.
        try "x".write(toFile: out + "/publication.csv", atomically: true, encoding: .utf8)
        let edited = try ThuisProcess.run(["publication", "--out", out])
        #expect(edited.exitCode == 65)
        #expect(edited.stderr.contains("MANIFEST_MISMATCH"))
    }
}

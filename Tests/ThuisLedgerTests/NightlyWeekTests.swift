import Foundation
import Testing
import ThuisCommands
import ThuisLedger
import ThuisTestSupport

/// The README's week of nightly runs, then night 29 exported again with a correction.
@Suite struct NightlyWeekTests {
    @Test("a night exported twice is refused without --supersede (ledger unchanged); with it, no advert has two live offers and no accepted offer is withdrawn")
    func correctedNight() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ledgerPath = directory.appendingPathComponent("thuis.sqlite").path
        #expect(LedgerInitCommand(ledgerPath: ledgerPath).run().exit == .ok)
        let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")
        func night(_ day: Int) throws -> String {
            let export = directory.appendingPathComponent("night-\(day).xml").path
            var generate = GenerateCommand(profile: .nightly, seed: UInt64(day), outPath: export)
            generate.scale = 0.1
            generate.quiet = true
            generate.referenceDate = .init(iso: "2026-11-\(day)")
            generate.advertPrefix = "N\(day)-"
            #expect(generate.run().exit == .ok)
            return export
        }
        func allocate(_ export: String, out: String, supersede: String? = nil) -> CommandOutcome {
            var command = AllocateCommand(exports: [export], policyPath: policy, outPath: directory.appendingPathComponent(out).path)
            command.ledgerPath = ledgerPath
            command.supersede = supersede
            return command.run()
        }
        var lastBatch = ""
        for day in 23...29 {
            let outcome = allocate(try night(day), out: "out-\(day)")
            #expect(outcome.exit == .ok, "\(outcome.stderr)")
            lastBatch = String(outcome.stdout.split(separator: "\n").last!.split(separator: " ")[2])
            // The answers come in: most accept, every seventh refuses.
            let allocations = try String(contentsOf: directory.appendingPathComponent("out-\(day)/allocations.csv"), encoding: .utf8)
            var answers = "advert_id,household_id,status,detail_status,date\n"
            for (i, line) in allocations.split(separator: "\n").enumerated() where i > 0 {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields[1] != "" else { continue }
                answers += "\(fields[0]),\(fields[1]),\((i + 1) % 7 == 0 ? "GEW,LIG" : "TOE,"),2026-11-\(day)\n"
            }
            let file = directory.appendingPathComponent("answers-\(day).csv")
            try answers.write(to: file, atomically: true, encoding: .utf8)
            #expect(RecordOutcomesCommand(file: file.path, ledgerPath: ledgerPath).run().exit == .ok)
        }
        let ledger = try Ledger(path: ledgerPath)
        let everything = { try ledger.read { try $0.offers(from: "2026-01-01", until: "2027-01-01") } }
        let before = try everything()

        // Night 29 again, one income changed: another export, the same adverts.
        let original = try String(contentsOfFile: directory.appendingPathComponent("night-29.xml").path, encoding: .utf8)
        let range = try #require(original.range(of: #"<Inkomen soort="BRU" bedrag=""#))
        let corrected = directory.appendingPathComponent("night-29b.xml").path
        try (original[..<range.upperBound] + "1" + original[range.upperBound...]).write(toFile: corrected, atomically: true, encoding: .utf8)

        let refused = allocate(corrected, out: "out-29b")
        #expect(refused.exit == .dataError)
        #expect(refused.stderr.contains("error: ADVERT_ALREADY_OFFERED: advert PN29-"))
        #expect(refused.stderr.contains("--supersede \(lastBatch)"))
        #expect(try everything() == before)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out-29b").path))

        let superseding = allocate(corrected, out: "out-29b", supersede: lastBatch)
        #expect(superseding.exit == .ok, "\(superseding.stderr)")
        #expect(superseding.stdout.contains("Superseding batch \(lastBatch): 0 open offer(s) withdrawn; "))
        let after = try everything()
        // No accepted offer was withdrawn or changed.
        let accepted = before.filter { $0.status == .allocated }
        for offer in accepted {
            #expect(after.contains { $0.batchID == offer.batchID && $0.offer.advert == offer.offer.advert && $0.status == .allocated })
        }
        // Each advert has at most one live (open or accepted) offer at a time.
        let live = Dictionary(grouping: after.filter { $0.status == .offered || $0.status == .allocated }, by: \.offer.advert)
        #expect(live.values.allSatisfy { $0.count == 1 })
        // Night 29's accepted adverts were not offered again; its refused ones were.
        let night29 = before.filter { $0.batchID == lastBatch }
        let reoffered = Set(after.filter { $0.batchID != lastBatch && $0.offeredOn == night29[0].offeredOn }.map(\.offer.advert))
        #expect(reoffered.isDisjoint(with: night29.filter { $0.status == .allocated }.map(\.offer.advert)))
        #expect(!reoffered.isEmpty)
        let report = ReportCommand(ledgerPath: ledgerPath, period: "2026").run()
        #expect(report.exit == .ok)
        // Every night's result verifies from its own files, year to date and superseded night
        // (adverts already let) included, and recomputes to the byte.
        for out in (23...29).map({ "out-\($0)" }) + ["out-29b"] {
            var verify = VerifyCommand(outPath: directory.appendingPathComponent(out).path)
            verify.recompute = true
            let outcome = verify.run()
            #expect(outcome.exit == .ok, "\(out): \(outcome.stderr)")
        }
        let published = PublicationCommand(source: .ledger(path: ledgerPath, batch: lastBatch)).run()
        #expect(published.exit == .ok)
        #expect(published.stdout.hasPrefix("advert_id,published,municipality,corporation,model,reactions,eligible,let_by,"))
    }
}

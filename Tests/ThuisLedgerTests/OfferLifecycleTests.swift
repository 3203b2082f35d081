import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisLedger
import ThuisReports
import ThuisTestSupport

/// Each transition of an offer (Documentation/nightly-runs.md, "The offer's states") and what
/// the next batch does with it: the ledger decides who may be offered.
@Suite(.timeLimit(.minutes(2))) struct OfferLifecycleTests {
    static let day = Day(iso: "2026-11-02")!

    @Test("refused (GEW): the advert goes to the next batch, never back to the household that refused it")
    func refused() throws {
        let s = try OfferScenario()
        defer { s.remove() }
        let export = s.night(Self.day, seed: 1)
        let first = s.allocate([export], out: "a")
        #expect(first.exit == .ok, "\(first.stderr)")
        let lettings = try s.lettings("a")
        let refused = lettings[0]
        #expect(try s.answer([(refused.advert, refused.household, "GEW", "WBN", "2026-11-03")]).exit == .ok)
        let again = s.allocate([export], out: "b", supersede: OfferScenario.batch(first), batchID: "again")
        #expect(again.exit == .ok, "\(again.stderr)")
        let row = try #require(try s.candidates("b")["\(refused.advert) \(refused.household)"])
        #expect(row[3] == "false" && row[4] == "REFUSED_BEFORE" && row[9] == "refused_before")
        #expect(!(try s.lettings("b")).contains { $0.advert == refused.advert && $0.household == refused.household })
        // The others' offers are open: the superseded batch's were withdrawn as made in error
        // (ONT), which bars nobody, so the same market gives them the same adverts again.
        let second = Dictionary(uniqueKeysWithValues: try s.lettings("b").map { ($0.advert, $0.household) })
        for letting in lettings.dropFirst() { #expect(second[letting.advert] == letting.household) }
        #expect(try s.offers().filter { $0.batchID == OfferScenario.batch(first) && $0.status == .withdrawn }
            .allSatisfy { $0.detailStatus == "ONT" })
        #expect(s.verify("b").exit == .ok)
        var explain = ExplainCommand(outPath: s.path("b"))
        explain.households = [refused.household]
        let story = explain.run()
        #expect(story.stdout.contains("Not eligible (REFUSED_BEFORE)"))
        #expect(story.stdout.contains("it refused \(refused.advert) (batch \(OfferScenario.batch(first)), offered 2026-11-02) on 2026-11-03 (GEW WBN)"))
    }

    @Test("accepted (TOE): the household is housed; its later reactions are not offered, and the export is called stale")
    func accepted() throws {
        let s = try OfferScenario()
        defer { s.remove() }
        let first = s.allocate([s.night(Self.day, seed: 1)], out: "a")
        let lettings = try s.lettings("a")
        #expect(try s.answer(lettings.map { ($0.advert, $0.household, "TOE", "", "2026-11-02") }).exit == .ok)
        let next = s.allocate([s.night(Self.day.adding(days: 1), seed: 2)], out: "b")
        #expect(next.exit == .ok, "\(next.stderr)")
        let housed = Set(lettings.map(\.household))
        let rows = try s.candidates("b").values.filter { housed.contains($0[1]) }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0[4] == "ALREADY_HOUSED" && $0[9] == "already_housed" })
        #expect(next.stderr.contains("warning: STALE_EXPORT: the export holds \(rows.count) reaction(s) of "))
        #expect(Set(try s.lettings("b").map(\.household)).isDisjoint(with: housed))
        #expect(s.verify("b").exit == .ok)
        _ = first
    }

    @Test("open (AAN): with max_open = 1 a household waiting on an answer gets no second offer")
    func openOffer() throws {
        let s = try OfferScenario()
        defer { s.remove() }
        #expect(s.allocate([s.night(Self.day, seed: 1)], out: "a").exit == .ok)
        let waiting = Set(try s.lettings("a").map(\.household))
        #expect(s.allocate([s.night(Self.day.adding(days: 1), seed: 2)], out: "b").exit == .ok)
        let rows = try s.candidates("b").values.filter { waiting.contains($0[1]) }
        #expect(!rows.isEmpty && rows.allSatisfy { $0[4] == "OPEN_OFFER" && $0[9] == "open_offer" })
        let open = Dictionary(grouping: try s.offers().filter { $0.status == .offered }, by: \.offer.household)
        #expect(open.values.allSatisfy { $0.count == 1 })
        #expect(s.verify("b").exit == .ok)
    }

    @Test("accepting one of two open offers (max_open = 2) withdraws the other (ING, AND), and its advert is offered again")
    func acceptanceWithdrawsOthers() throws {
        let s = try OfferScenario(offers: "max_open = 2")
        defer { s.remove() }
        // The same households on the next day, with new adverts: the same winners, each with a second offer.
        let nightA = s.night(Self.day, seed: 1), nightB = s.night(Self.day.adding(days: 1), seed: 1)
        #expect(s.allocate([nightA], out: "a").exit == .ok)
        let b = s.allocate([nightB], out: "b")
        #expect(b.exit == .ok)
        let a = try s.lettings("a"), second = try s.lettings("b")
        let twice = try #require(second.first { l in a.contains { $0.household == l.household } }, "no household holds two open offers")
        let other = a.first { $0.household == twice.household }!
        #expect(try s.answer([(twice.advert, twice.household, "TOE", "", "2026-11-04")]).stdout.contains("Recorded 1 outcome(s)"))
        let withdrawn = try #require(try s.offers().first { $0.offer.advert == other.advert })
        #expect(withdrawn.status == .withdrawn && withdrawn.detailStatus == "AND" && withdrawn.outcomeDate?.description == "2026-11-04")
        // A later acceptance of the withdrawn offer would be a second home: refused, corrected or not.
        let late = try s.answer([(other.advert, other.household, "TOE", "", "2026-11-05")])
        #expect(late.exit == .dataError && late.stderr.contains("one home per household"))
        let corrected = try s.answer([(other.advert, other.household, "TOE", "", "2026-11-05")], correct: true)
        #expect(corrected.exit == .dataError && corrected.stderr.contains("accepted \(twice.advert) (batch \(OfferScenario.batch(b))) already: one home per household"))
        // Night A again: the withdrawn advert is free and goes to someone else.
        let again = s.allocate([nightA], out: "a2", supersede: try s.offers().first { $0.offer.advert == other.advert }!.batchID, batchID: "a-again")
        #expect(again.exit == .ok, "\(again.stderr)")
        #expect(try s.lettings("a2").contains { $0.advert == other.advert && $0.household != other.household })
        #expect(try s.candidates("a2")["\(other.advert) \(other.household)"]?[4] == "ALREADY_HOUSED")
    }

    @Test("expired (ING, REA): offers past answer_days are withdrawn by offers expire, and not offered to that household again")
    func expired() throws {
        let s = try OfferScenario(offers: "answer_days = 3")
        defer { s.remove() }
        let export = s.night(Self.day, seed: 1)
        let first = s.allocate([export], out: "a")
        let lettings = try s.lettings("a")
        #expect(try s.offers().allSatisfy { $0.offer.deadline?.description == "2026-11-05" })
        var early = OffersCommand(ledgerPath: s.ledgerPath, on: Day(iso: "2026-11-05")!)
        early.expire = true
        #expect(early.run().stdout.hasPrefix("Withdrew 0 offer(s)"))
        #expect(try s.answer(lettings.dropFirst().map { ($0.advert, $0.household, "TOE", "", "2026-11-04") }).exit == .ok)
        var expire = OffersCommand(ledgerPath: s.ledgerPath, on: Day(iso: "2026-11-06")!)
        expire.expire = true
        expire.format = .csv
        let expired = expire.run()
        let made = try #require(try s.offers().first { $0.offer.advert == lettings[0].advert }).offer
        #expect(expired.stdout == OffersCommand.columns.joined(separator: ",") + "\n"
            + "\(made.advert),\(made.household),\(OfferScenario.batch(first)),2026-11-02,2026-11-05,4,\(made.position.map(String.init) ?? ""),"
            + "\(made.reservedFor ?? ""),\(made.letting.municipality),\(made.letting.corporation)\n")
        let offer = try #require(try s.offers().first { $0.offer.advert == lettings[0].advert })
        #expect(offer.status == .withdrawn && offer.detailStatus == "REA" && offer.outcomeDate?.description == "2026-11-06")
        let again = s.allocate([export], out: "b", supersede: OfferScenario.batch(first), batchID: "again")
        #expect(again.exit == .ok, "\(again.stderr)")
        #expect(try s.candidates("b")["\(lettings[0].advert) \(lettings[0].household)"]?[4] == "REFUSED_BEFORE")
        #expect(try s.lettings("b").count == 1)
        let verified = s.verify("b")
        #expect(verified.exit == .ok, "\(verified.stderr)")
    }

    @Test("the export's own Aanbieding records count: a refusal made before Thuis bars the household from that advert")
    func exportRefusal() throws {
        let s = try OfferScenario()
        defer { s.remove() }
        let export = s.night(Self.day, seed: 1)
        var probe = AllocateCommand(exports: [export], policyPath: s.policy, outPath: s.path("probe"))
        probe.ledgerPath = nil
        #expect(probe.run().exit == .ok)
        let winner = try s.lettings("probe")[0]
        let text = try String(contentsOfFile: export, encoding: .utf8)
        let offer = "<Aanbiedingen><Aanbieding id=\"OLD-1\" publicatie=\"\(winner.advert)\" relatie=\"\(winner.household)\" status=\"GEW\" detailStatus=\"HUU\" datum=\"2026-10-01\"/></Aanbiedingen>\n"
        try text.replacingOccurrences(of: "</Woonruimteverdeling>", with: offer + "</Woonruimteverdeling>")
            .write(toFile: s.path("with-offer.xml"), atomically: true, encoding: .utf8)
        let run = s.allocate([s.path("with-offer.xml")], out: "a")
        #expect(run.exit == .ok, "\(run.stderr)")
        #expect(try s.candidates("a")["\(winner.advert) \(winner.household)"]?[4] == "REFUSED_BEFORE")
        var explain = ExplainCommand(outPath: s.path("a"))
        explain.households = [winner.household]
        #expect(explain.run().stdout.contains("it refused \(winner.advert) (the export's Aanbieding OLD-1, offered 2026-10-01) (GEW HUU)"))
    }

    @Test("verify --ledger fails a folder whose advert went to a household that refused it, even with candidates.csv edited to match (or without one)",
          arguments: CandidatesContent.allCases)
    func verifyCatchesRefuser(_ candidates: CandidatesContent) throws {
        let s = try OfferScenario()
        defer { s.remove() }
        let export = s.night(Self.day, seed: 1)
        let first = s.allocate([export], out: "a")
        let refused = try s.lettings("a")[0]
        #expect(try s.answer([(refused.advert, refused.household, "GEW", "", "2026-11-03")]).exit == .ok)
        #expect(s.allocate([export], out: "b", supersede: OfferScenario.batch(first), batchID: "again", candidates: candidates).exit == .ok)
        #expect(s.verify("a").exit == .ok && s.verify("b").exit == .ok)
        // The letting handed to the refuser by hand, its reaction made to look eligible, the manifest rehashed.
        let folder = s.directory.appendingPathComponent("b")
        let holder = try #require(try s.lettings("b").first { $0.advert == refused.advert })
        var allocations = try String(contentsOf: folder.appendingPathComponent("allocations.csv"), encoding: .utf8)
        allocations = allocations.replacingOccurrences(of: "\n\(refused.advert),\(holder.household),", with: "\n\(refused.advert),\(refused.household),")
        try allocations.write(to: folder.appendingPathComponent("allocations.csv"), atomically: true, encoding: .utf8)
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.sha256"), encoding: .utf8)
        var rehashed = ""
        for line in manifest.split(separator: "\n") where !line.hasPrefix("#") {
            let name = String(line.split(separator: " ").last!)
            rehashed += try Fingerprint.sha256(files: [folder.appendingPathComponent(name).path]) + "  " + name + "\n"
        }
        try rehashed.write(to: folder.appendingPathComponent("manifest.sha256"), atomically: true, encoding: .utf8)
        let outcome = s.verify("b")
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.contains("/allocations.csv:"))
        #expect(outcome.stderr.contains("error: OFFER_TO_BARRED_HOUSEHOLD: \(refused.advert) is let to \(refused.household), which the ledger barred (REFUSED_BEFORE): it refused \(refused.advert)"))
    }
}

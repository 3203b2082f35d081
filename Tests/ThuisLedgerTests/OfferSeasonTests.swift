import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisLedger
import ThuisTestSupport

/// Sixty generated nights on one ledger, run as an operator would: each morning late offers
/// expire, each night a batch is allocated, answers come in (most accept, some refuse, some never
/// answer), every tenth night is exported again with a correction and supersedes the first run,
/// and now and then an acceptance is corrected to a refusal. After every night the ledger and the
/// night's folder must hold the rules the ledger enforces.
@Suite(.timeLimit(.minutes(3))) struct OfferSeasonTests {
    @Test("60 nights: no offer to a refuser, no second home, no more open offers than max_open, AND and REA where due; verify --ledger passes every night",
          arguments: PropertyRuns.sample([2, 1], 1))
    func season(maxOpen: Int) throws {
        let s = try OfferScenario(offers: "answer_days = 3\nmax_open = \(maxOpen)")
        defer { s.remove() }
        let start = Day(iso: "2026-09-01")!
        var seen: [String: Int] = [:]
        // 60 nights in the release step, 30 (five rounds of the six seeds) in `swift test`.
        for n in 0..<(PropertyRuns.full ? 60 : 30) {
            let day = start.adding(days: n)
            var expire = OffersCommand(ledgerPath: s.ledgerPath, on: day)
            expire.expire = true
            #expect(expire.run().exit == .ok)
            // Households come back: every sixth night the same seed, so the same households
            // (winners, refusers, those still waiting) react to new adverts.
            let export = s.night(day, seed: UInt64(n % 6 + 1), scale: 0.03)
            let run = s.allocate([export], out: "night-\(n)")
            try #require(run.exit == .ok, "night \(n): \(run.stderr)")
            let batch = OfferScenario.batch(run)
            var answers: [(String, String, String, String, String)] = []
            for (i, letting) in try s.lettings("night-\(n)").enumerated() {
                switch (n * 7 + i * 13) % 20 {
                case 0..<11: answers.append((letting.advert, letting.household, "TOE", "", day.description))
                case 11..<16: answers.append((letting.advert, letting.household, "GEW", "WBN", day.description))
                default: continue   // no answer: it expires after three days
                }
            }
            let answered = try s.answer(answers)
            #expect(answered.exit == .ok, "night \(n): \(answered.stderr)")
            if n % 10 == 9 {
                // The night exported again with a correction: refused and withdrawn adverts go
                // again, never to the household that refused them.
                let again = s.allocate([export], out: "night-\(n)-corrected", supersede: batch, batchID: "\(batch)-corrected")
                try #require(again.exit == .ok, "night \(n) corrected: \(again.stderr)")
                #expect(s.verify("night-\(n)-corrected").exit == .ok)
            }
            if n % 7 == 3, let accepted = try s.offers().last(where: { $0.status == .allocated }) {
                // An acceptance entered by mistake: corrected to a refusal, the household searches again.
                let fix = try s.answer([(accepted.offer.advert, accepted.offer.household, "GEW", "PER", day.description)], correct: true)
                #expect(fix.exit == .ok, "night \(n): \(fix.stderr)")
            }
            let verified = s.verify("night-\(n)")
            #expect(verified.exit == .ok, "night \(n): \(verified.stderr)")
            let offers = try s.offers()
            try Self.checkLedger(offers, maxOpen: maxOpen, night: n)
            for offer in offers { seen["\(offer.status.rawValue) \(offer.detailStatus ?? "")", default: 0] += 1 }
        }
        // The year's publication from the ledger is its accepted offers: each once, never another.
        let published = PublicationCommand(source: .ledgerPeriod(path: s.ledgerPath, period: "2026")).run()
        #expect(published.exit == .ok)
        let rows = published.stdout.split(separator: "\n").dropFirst().map { line -> String in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(f[0]) \(f[14]) \(f[15]) \(f[16])"
        }
        let accepted = try s.offers().filter { $0.status == .allocated }.map { "\($0.offer.advert) let \($0.outcomeDate!) \($0.batchID)" }
        #expect(rows.count == accepted.count && Set(rows) == Set(accepted))
        // Every transition happened: accepted, refused, expired, superseded, and with room for two
        // open offers, withdrawn on another acceptance.
        for state in ["TOE ", "GEW WBN", "GEW PER", "ING REA", "ING ONT"] + (maxOpen > 1 ? ["ING AND"] : []) {
            #expect(seen[state, default: 0] > 0, "no offer ended \(state)")
        }
    }

    /// The rules the ledger itself must show after any night.
    static func checkLedger(_ offers: [RecordedOffer], maxOpen: Int, night: Int) throws {
        let byHousehold = Dictionary(grouping: offers, by: \.offer.household)
        for (household, own) in byHousehold {
            let accepted = own.filter { $0.status == .allocated }, open = own.filter { $0.status == .offered }
            #expect(accepted.count <= 1, "night \(night): \(household) holds \(accepted.count) accepted offers")
            #expect(open.count <= maxOpen, "night \(night): \(household) holds \(open.count) open offers")
            #expect(accepted.isEmpty || open.isEmpty, "night \(night): \(household) is housed and still holds an open offer")
            for withdrawn in own where withdrawn.status == .withdrawn && withdrawn.detailStatus == "AND" {
                #expect(!accepted.isEmpty, "night \(night): \(household)'s offer of \(withdrawn.offer.advert) was withdrawn for another acceptance it does not hold")
            }
            // An advert offered twice to one household: only after the first offer was made in error (a superseded batch).
            for pair in Dictionary(grouping: own, by: \.offer.advert).values where pair.count > 1 {
                for earlier in pair.dropLast() {
                    #expect(earlier.status == .withdrawn && earlier.detailStatus == "ONT",
                            "night \(night): \(earlier.offer.advert) offered to \(household) again after \(earlier.status.rawValue) \(earlier.detailStatus ?? "")")
                }
            }
        }
        for offer in offers where offer.detailStatus == "REA" {
            #expect(offer.offer.deadline.map { $0 < offer.outcomeDate! } == true, "night \(night): \(offer.offer.advert) expired before its deadline")
        }
    }
}

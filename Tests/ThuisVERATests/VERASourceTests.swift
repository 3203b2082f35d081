import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisVERA

/// What a plain VERA system sends, read as it is meant: Kandidaten as reactions, members named
/// by key, data it has no place for refused rather than read as zeros, a batch of any number of pages.
@Suite struct VERASourceTests {
    /// A copy of the demo twin, its files changed by `edit` (name -> new text, or nil to remove).
    static func twin(_ edit: (String, String) -> String? = { $1 }) throws -> URL {
        let directory = Fixtures.temporaryDirectory()
        let fixture = Fixtures.path("vera/demo-region")
        for file in try FileManager.default.contentsOfDirectory(atPath: fixture) where file != "manifest.sha256" {
            let text = try String(contentsOfFile: "\(fixture)/\(file)", encoding: .utf8)
            if let changed = edit(file, text) { try Data(changed.utf8).write(to: directory.appendingPathComponent(file)) }
        }
        return directory
    }

    static func allocate(_ batch: URL, policy: String) -> CommandOutcome {
        var command = AllocateCommand(exports: [batch.path], policyPath: Fixtures.path("policies/\(policy)"),
                                      outPath: batch.deletingLastPathComponent().appendingPathComponent(batch.lastPathComponent + "-out").path)
        command.ledgerPath = nil
        return command.run()
    }

    @Test("a policy ranking by points refuses a batch whose source sent none, naming the key and the household")
    func pointsNotSent() throws {
        let batch = try Self.twin { name, text in
            name.hasPrefix("relaties") ? text.replacingOccurrences(of: #",{"naam":"zoekpunten","waarde":"0"}"#, with: "") : text
        }
        defer { try? FileManager.default.removeItem(at: batch) }
        let refused = Self.allocate(batch, policy: "punten-amsterdam.toml")
        #expect(refused.exit == .dataError)
        #expect(refused.stderr.contains(#"relaties-00001.json:2:1: error: MISSING_FIELD: the ranking key "points" ([ranking] keys, with [ranking.points] source = "extra-attributen") needs the households' points"#),
                "\(refused.stderr)")
        // A policy that does not read points allocates the same batch, as does one that says
        // its points are waiting time only.
        #expect(Self.allocate(batch, policy: "een-thuis-voor-iedereen.toml").exit == .ok)
        let policy = try String(contentsOfFile: Fixtures.path("policies/punten-amsterdam.toml"), encoding: .utf8)
        let registration = batch.deletingLastPathComponent().appendingPathComponent(batch.lastPathComponent + "-registration.toml")
        try Data(policy.replacingOccurrences(of: "[ranking.points]\n", with: "[ranking.points]\nsource = \"registration\"\n").utf8).write(to: registration)
        defer { try? FileManager.default.removeItem(at: registration) }
        var command = AllocateCommand(exports: [batch.path], policyPath: registration.path, outPath: batch.path + "-registration")
        command.ledgerPath = nil
        let allocated = command.run()
        #expect(allocated.exit == .ok, "\(allocated.stderr)")
    }

    @Test("the municipality a local-binding rule needs, and the date a first-come advert needs, are refused when absent")
    func otherGaps() throws {
        let market = try #require(BatchSource.read([Fixtures.path("vera/demo-region")]).market)
        var policy = Policy()
        policy.ranking.keys = [.localBinding, .lottery]
        var gapped = market
        gapped.sourceGaps = [.municipality: SourceLocation(file: "relaties-00001.json", line: 3, column: 1)]
        #expect(SourceNeeds.unmet(policy, gapped).map(\.rule) == ["the ranking key \"local_binding\" ([ranking] keys)"])
        policy.ranking.keys = [.registration, .lottery]
        #expect(SourceNeeds.unmet(policy, gapped).isEmpty)
        gapped.sourceGaps = [.reactionDate: SourceLocation(file: "kandidaten-00001.json", line: 2, column: 1)]
        #expect(SourceNeeds.unmet(policy, gapped).isEmpty, "the demo has no first-come (EER) advert")
        gapped.adverts.model[0] = .firstComeFirstServed
        #expect(SourceNeeds.unmet(policy, gapped).first?.rule == "publication model EER (first come, first served) of Publicatie P01")
    }

    @Test("Kandidaten naming a member, or only the dwelling, are the household's reactions to the publication due")
    func kandidatenAsWRVGivesThem() throws {
        // H01's member gets an id; its Kandidaten name that person; P05's Kandidaten name only the dwelling.
        let batch = try Self.twin { name, text in
            if name.hasPrefix("relaties") {
                return text.replacingOccurrences(of: #"{"id":"H01","soort":{"code":"GRO"},"detailSoort":{"code":"HUI"},"overeenkomsten":[{"soort":{"code":"INS"},"begindatum":"2012-03-14"}],"relaties":[{"soort":{"code":"NAT"}"#,
                                                 with: #"{"id":"H01","soort":{"code":"GRO"},"detailSoort":{"code":"HUI"},"overeenkomsten":[{"soort":{"code":"INS"},"begindatum":"2012-03-14"}],"relaties":[{"id":"NP-1","soort":{"code":"NAT"}"#)
            }
            if name.hasPrefix("kandidaten") {
                return text.replacingOccurrences(of: #""relatie":{"id":"H01","soort":{"code":"GRO"}}"#, with: #""relatie":{"id":"NP-1","soort":{"code":"NAT"}}"#)
                    .replacingOccurrences(of: #"{"naam":"publicatie","waarde":"P05"},"#, with: "")
            }
            return text
        }
        defer { try? FileManager.default.removeItem(at: batch) }
        let original = try #require(BatchSource.read([Fixtures.path("vera/demo-region")]).market)
        let read = BatchSource.read([batch.path])
        #expect(read.errors.isEmpty, "\(read.errors)")
        let market = try #require(read.market)
        #expect(market.reactions.count == original.reactions.count)
        #expect(Array(market.reactions.household) == Array(original.reactions.household))
        #expect(Array(market.reactions.advert) == Array(original.reactions.advert))
        #expect(market.households.applicant == [0: "NP-1"])
        // The applicant is the person VERA's Aanbieding and Toewijzing name.
        let results = batch.deletingLastPathComponent().appendingPathComponent(batch.lastPathComponent + "-vera").path
        var command = AllocateCommand(exports: [batch.path], policyPath: Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                      outPath: batch.path + "-out")
        command.ledgerPath = nil
        command.veraOutPath = results
        #expect(command.run().exit == .ok)
        defer { try? FileManager.default.removeItem(atPath: results) }
        let toewijzingen = try String(contentsOfFile: results + "/toewijzingen-00001.json", encoding: .utf8)
        let persons = toewijzingen.components(separatedBy: #""relatie":{"id":"NP-1","soort":{"code":"NAT"}}"#).count - 1
        let groups = toewijzingen.components(separatedBy: #""soort":{"code":"GRO"}}"#).count - 1
        #expect(persons + groups == 16)
        // A Kandidaat that is no reaction (another status) is set aside and counted.
        let other = try Self.twin { name, text in
            name == "kandidaten-00001.json" ? text.replacingOccurrences(of: #"{"status":{"code":"REA"},"eenheid":{"id":"E05"},"relatie":{"id":"H01""#,
                                                                        with: #"{"status":{"code":"SEL"},"eenheid":{"id":"E05"},"relatie":{"id":"H01""#) : text
        }
        defer { try? FileManager.default.removeItem(at: other) }
        let aside = BatchSource.read([other.path])
        #expect(aside.market?.reactions.count == original.reactions.count - 1)
        #expect(aside.setAside[.reaction] == 1)
        #expect(aside.warnings.contains { $0.message.hasPrefix("1 Kandidaten with another status than REA") })
    }

    @Test("a publication of several dwellings is set aside with its reactions, named in a warning, not let")
    func severalDwellings() throws {
        let batch = try Self.twin { name, text in
            name == "publicaties-00001.json"
                ? text.replacingOccurrences(of: "\n]", with: #",{"id":"P97","model":{"code":"AAN"},"begindatum":"2026-11-01","einddatum":"2026-11-15","eenheden":[{"id":"E01"},{"id":"E02"}]}"# + "\n]")
                : name == "kandidaten-00002.json"
                ? text.replacingOccurrences(of: "\n]", with: #",{"status":{"code":"REA"},"relatie":{"id":"H09"},"extra-attributen":[{"naam":"publicatie","waarde":"P97"}]}"# + "\n]")
                : text
        }
        defer { try? FileManager.default.removeItem(at: batch) }
        let read = BatchSource.read([batch.path])
        #expect(read.errors.isEmpty, "\(read.errors)")
        #expect(read.market?.adverts.count == 16)
        #expect(read.setAside == [.advert: 1, .reaction: 1, .offer: 0])
        #expect(read.warnings.contains { $0.message.hasPrefix("1 Publicatie is of several dwellings, where Thuis lets one dwelling per advert") }, "\(read.warnings)")
    }

    @Test("a member given only by key takes the person's Relatie; without it the household is refused at its place")
    func membersByKey() throws {
        let member = #"{"soort":{"code":"NAT"},"geboortedatum":"1963-02-14","inkomens":[{"soort":{"code":"BRU"},"bedrag":17800.00,"jaar":2025}]}"#
        func batch(withPerson: Bool) throws -> URL {
            try Self.twin { name, text in
                guard name == "relaties-00001.json" else { return text }
                let person = #"{"id":"NP-2","soort":{"code":"NAT"},"geboortedatum":"1963-02-14","inkomens":[{"soort":{"code":"BRU"},"bedrag":17800.00,"jaar":2025}]}"#
                // The person comes first in the file, before the household that names it: order does not matter.
                return text.replacingOccurrences(of: member, with: #"{"id":"NP-2","soort":{"code":"NAT"}}"#)
                    .replacingOccurrences(of: "[\n", with: withPerson ? "[\n" + person + ",\n" : "[\n", options: [.anchored])
            }
        }
        let original = try #require(BatchSource.read([Fixtures.path("vera/demo-region")]).market)
        let joined = try batch(withPerson: true)
        defer { try? FileManager.default.removeItem(at: joined) }
        let read = BatchSource.read([joined.path])
        #expect(read.errors.isEmpty, "\(read.errors)")
        let market = try #require(read.market)
        #expect(Array(market.households.persons) == Array(original.households.persons))
        #expect(Array(market.households.income) == Array(original.households.income))
        #expect(read.setAside[.household] == 1)
        let lacking = try batch(withPerson: false)
        defer { try? FileManager.default.removeItem(at: lacking) }
        let refused = BatchSource.read([lacking.path])
        #expect(refused.market == nil)
        #expect(refused.errors.map { "\($0)".replacingOccurrences(of: lacking.path + "/", with: "") }.contains(
            "relaties-00001.json:11:1: error: MISSING_FIELD: Relatie H10: lid 2 (NP-2) given only by key, and the batch has no Relatie of that id with its geboortedatum; the household is not read as smaller than it is"),
                "\(refused.errors)")
    }

    @Test("paging: a capped page does not end the list, the numbering is learnt, what cannot end is refused")
    func pageWalk() {
        func answer(_ items: Int, _ digest: String, _ headers: [String: String] = [:]) -> PageWalk.Answer {
            PageWalk.Answer(items: items, digest: Array(digest.utf8)) { name in headers.first { $0.key.lowercased() == name.lowercased() }?.value }
        }
        // Numbered from 1, no headers, pages capped at 7 of the 20 asked.
        var walk = PageWalk(asked: 20)
        #expect(walk.take(answer(7, "a")) == (true, .next(.page(1))))
        #expect(walk.take(answer(7, "a")) == (false, .next(.page(2))), "page 1 is the first page again: numbered from 1")
        #expect(walk.take(answer(3, "b")) == (true, .next(.page(3))), "a short page is not the end")
        #expect(walk.take(answer(0, "c")) == (true, .done))
        #expect(walk.items == 10)
        // Numbered from 0.
        walk = PageWalk(asked: 20)
        _ = walk.take(answer(7, "a"))
        #expect(walk.take(answer(7, "b")) == (true, .next(.page(2))))
        // Announced totals are held to.
        walk = PageWalk(asked: 20)
        #expect(walk.take(answer(5, "a", ["X-Parameters-Aantal": "9", "X-Parameters-Pagina": "0"])) == (true, .next(.page(1))))
        #expect(walk.take(answer(0, "b", ["X-Parameters-Aantal": "9", "X-Parameters-Pagina": "1"])).step
                == .refuse("the list ended after 5 items where X-Parameters-Aantal announced 9"))
        walk = PageWalk(asked: 20)
        #expect(walk.take(answer(21, "a")).step == .refuse("21 items on a page, more than the 20 asked for"))
        walk = PageWalk(asked: 20)
        #expect(walk.take(answer(1, "a", ["X-Parameters-Aantal": "-3"])).step == .refuse("X-Parameters-Aantal '-3' is not a count"))
    }
}

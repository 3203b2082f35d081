import Foundation
import Testing
import ThuisCore
import ThuisGenerator
import ThuisPolicyFile
import ThuisReports
import ThuisTestSupport
import ThuisXML

/// `thuis explain --household ID --letter`: every sentence of every household's letter is read
/// back and its claim checked against the allocation (the Dutch letter); the English letter
/// states the same figures; and no letter holds a code, a file name or a seed.
@Suite(.timeLimit(.minutes(3))) struct LetterTests {
    static func letters(_ market: Market, _ policy: Policy, _ allocation: Allocation, _ language: LetterLanguage) -> [String] {
        let letter = HouseholdLetter(AllocationFacts(market: market, allocation: allocation, policy: policy), language: language)
        return (0..<market.households.count).map { letter.letter($0) }
    }

    /// Checks every letter of an allocation; returns what is false, coded, or differs between the languages.
    static func problems(_ market: Market, _ policy: Policy, _ allocation: Allocation) throws -> [String] {
        let dutch = letters(market, policy, allocation, .nl), english = letters(market, policy, allocation, .en)
        var checker = LetterChecker(market: market, policy: policy, allocation: allocation)
        for h in 0..<market.households.count { try checker.letter(h, dutch[h]) }
        #expect(checker.checked > market.households.count)
        var problems = checker.failures
        let codes = forbiddenWords(market, policy)
        for (h, text) in zip(0..., dutch + english) {
            let words = Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "." && $0 != "_" && $0 != ":" }).map(String.init))
            let found = words.intersection(codes)
            if !found.isEmpty { problems.append("letter \(h % market.households.count): codes \(found.sorted())") }
        }
        // The English letter says what the Dutch one says: the same numbers, in the same order.
        func numbers(_ text: String) -> [Substring] { text.split(whereSeparator: { !$0.isNumber }) }
        for h in 0..<market.households.count where numbers(dutch[h]) != numbers(english[h]) {
            problems.append("household \(market.households.ids[h]): the English letter's figures differ from the Dutch")
        }
        return problems
    }

    /// What a household should never read: the codes of the data standard and of the market, the
    /// policy's group names, the outputs' file names, the lottery's seed.
    static func forbiddenWords(_ market: Market, _ policy: Policy) -> Set<String> {
        var codes = Set(PriorityCategory.allCases.map(\.rawValue) + PriorityKind.allCases.map(\.rawValue) + TargetGroup.allCases.map(\.rawValue)
                        + PublicationModel.allCases.map(\.rawValue) + ExclusionReason.allCases.map(\.code).filter { !$0.isEmpty })
        codes.formUnion((0..<market.municipalities.count).map { market.municipalities[$0] })
        codes.formUnion((0..<market.corporations.count).map { market.corporations[$0] })
        codes.formUnion(policy.groups.map(\.name) + policy.quotas.map(\.name) + ["daeb-free-share", "passend-exceptions"])
        codes.formUnion(["candidates.csv", "allocations.csv", "quota-report.csv", "summary.json", "publication.csv", "seed", "cap:", "quota", "DAEB"])
        return codes
    }

    @Test("the demo's letters are true and carry no codes, under every shipped policy and both mechanisms")
    func demo() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        for name in CapRepairTests.shippedPolicies {
            var policy = try VerifyTests.policy(name)
            for mechanism in [Mechanism.deferredAcceptance, .sequential] {
                policy.mechanism = mechanism
                let problems = try Self.problems(market, policy, Allocator.allocate(market, policy))
                #expect(problems.isEmpty, "\(name) \(mechanism.rawValue): \(problems.prefix(5))")
            }
        }
    }

    @Test("a generated night's letters are true and carry no codes", arguments: PropertyRuns.sample([UInt64(1), 2, 3], 1))
    func night(_ seed: UInt64) throws {
        var generator = ExportGenerator(profile: .nightly, seed: seed)
        generator.scale = PropertyRuns.full ? 0.25 : 0.08
        generator.priorityShare = 0.15
        let path = Fixtures.temporaryDirectory().appendingPathComponent("letter-night-\(seed).xml").path
        _ = try generator.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let market = try #require(ExportReader.read([path]).market)
        for name in ["een-thuis-voor-iedereen.toml", "loting-20.toml"] {
            let policy = try VerifyTests.policy(name)
            let problems = try Self.problems(market, policy, Allocator.allocate(market, policy))
            #expect(problems.isEmpty, "night \(seed) \(name): \(problems.prefix(5))")
        }
    }

    @Test("the README's letter is the one the demo gives H07")
    func readme() throws {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- letter: H07 -->\n```text\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try VerifyTests.policy("een-thuis-voor-iedereen.toml")
        let letter = HouseholdLetter(AllocationFacts(market: market, allocation: Allocator.allocate(market, policy), policy: policy))
        let written = letter.letter(Int(try #require(market.households.ids.index(of: "H07"))))
        let shown = String(readme[start.upperBound..<end.lowerBound])
        #expect(shown == written, "\(zip(shown.split(separator: "\n"), written.split(separator: "\n")).first { $0 != $1 }.map { "\($0)\n\($1)" } ?? "lengths")")
    }

    @Test("the command writes the letter, in Dutch by default and in English on request, with the policy's objection route")
    func command() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.toml").path
        try (String(contentsOfFile: Fixtures.path("policies/een-thuis-voor-iedereen.toml"), encoding: .utf8) + """

            [letter]
            sender = "Woonnet Voorbeeldregio"
            objection = "Bent u het niet eens met deze uitslag? Dien binnen zes weken een bezwaar in bij de Geschillencommissie Woonnet."
            objection_en = "If you disagree, object within six weeks to the Woonnet disputes committee."

            """).write(toFile: policy, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out").path
        #expect(try ThuisProcess.run(["allocate", "--no-ledger", "--export", Fixtures.demoRegion, "--policy", policy, "--out", out]).exitCode == 0)
        let nl = try ThuisProcess.run(["explain", "--out", out, "--household", "H05", "--letter"])
        #expect(nl.exitCode == 0, "\(nl.stderr)")
        #expect(nl.stdout.hasPrefix("Uitslag van de woningtoewijzing van 25 november 2026\nInschrijfnummer: H05\n"))
        #expect(nl.stdout.contains("Uw 1e keuze: advertentie P04, 4 kamers, huur € 781,60 per maand, in Utrecht.\n- U kwam in aanmerking voor deze woning en stond op plaats 4 van 8.\n"))
        #expect(nl.stdout.contains("Dien binnen zes weken een bezwaar in bij de Geschillencommissie Woonnet.\n\nMet vriendelijke groet,\nWoonnet Voorbeeldregio\n"))
        let en = try ThuisProcess.run(["explain", "--out", out, "--household", "H05", "--letter", "--lang", "en"])
        #expect(en.stdout.contains("Your 1st choice: advert P04, 4 rooms, rent €781.60 a month, in Utrecht."))
        #expect(en.stdout.contains("If you disagree, object within six weeks to the Woonnet disputes committee."))
        let misuse = try ThuisProcess.run(["explain", "--out", out, "--advert", "P04", "--letter"])
        #expect(misuse.exitCode == 64)
    }
}

/// Reads a Dutch letter line by line and checks each claim against the allocation.
struct LetterChecker {
    let market: Market
    let policy: Policy
    let allocation: Allocation
    var failures: [String] = []
    var checked = 0
    var inner: ClaimChecker

    init(market: Market, policy: Policy, allocation: Allocation) {
        self.market = market
        self.policy = policy
        self.allocation = allocation
        inner = ClaimChecker(market: market, allocation: allocation)
    }

    mutating func claim(_ holds: Bool, _ sentence: some StringProtocol, _ context: String) {
        checked += 1
        if !holds { failures.append("\(context): \(sentence)") }
    }

    static let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]

    func day(_ text: String) -> String? {
        let parts = text.split(separator: " ")
        guard parts.count == 3, let d = Int(parts[0]), let m = Self.months.firstIndex(of: String(parts[1])), let y = Int(parts[2]) else { return nil }
        return Day(year: y, month: m + 1, day: d)?.description
    }

    mutating func letter(_ h: Int, _ text: String) throws {
        let context = "household \(market.households.ids[h])"
        var current: (a: Int, r: Int)?
        let housedAt = inner.housedAt[h]
        for line in text.split(separator: "\n") {
            let sentence = String(line)
            if let c = try inner.captures(#"Uitslag: u krijgt de woning van advertentie (\S+) aangeboden, uw (\d+)e keuze\."#, sentence) {
                let a = inner.advertIndex(c[0])
                claim(a != nil && a == housedAt && a.flatMap { inner.reaction(h, $0) }.map { allocation.preference[$0] == Int32(c[1])! } == true, sentence, context)
            } else if sentence == "Uitslag: u krijgt in deze ronde geen woning aangeboden." {
                claim(housedAt == nil, sentence, context)
            } else if let c = try inner.captures(#"Uitslag: de verhuurder heeft u de woning van advertentie (\S+) rechtstreeks toegewezen\."#, sentence) {
                claim(inner.advertIndex(c[0]).map { $0 == housedAt && market.adverts.model[$0] == .direct } == true, sentence, context)
            } else if let c = try inner.captures(#"Uw (\d+)e keuze: advertentie (\S+), (\d+) kamers, huur € (\d+),(\d\d) per maand, in (.+)\."#, sentence) {
                guard let a = inner.advertIndex(c[1]), let r = inner.reaction(h, a) else { claim(false, sentence, context); continue }
                let d = Int(market.adverts.dwelling[a])
                let code = market.municipalities[Int(market.dwellings.municipality[d])]
                claim(allocation.preference[r] == Int32(c[0])! && market.dwellings.rooms[d] == Int(c[2])!
                      && market.dwellings.rent[d].cents == Int64(c[3])! * 100 + Int64(c[4])! && MunicipalityNames.known[code] == c[5], sentence, context)
                current = (a, r)
            } else if sentence.hasPrefix("- "), let (a, r) = current {
                try reactionClaim(String(sentence.dropFirst(2)), h: h, a: a, r: r, context: "\(context) at \(market.adverts.ids[a])")
            } else if ["Inschrijfnummer: \(market.households.ids[h])", "Beste bewoner(s),", "Wat kunt u doen?", "Met vriendelijke groet,"].contains(sentence)
                        || sentence.hasPrefix("Uitslag van de woningtoewijzing van ") || sentence.hasPrefix("Heeft u een vraag over deze uitslag")
                        || sentence == "Het woonruimteverdeelsysteem" {
                continue
            } else if let c = try inner.captures(#"U heeft gereageerd op (\d+) woning(en)?\. .*"#, sentence) {
                claim(market.reactions.ofHousehold(h).count == Int(c[0])!, sentence, context)
            } else if sentence == "U heeft in deze ronde op geen woning gereageerd." {
                claim(market.reactions.ofHousehold(h).isEmpty, sentence, context)
            } else {
                claim(false, "unchecked sentence: " + sentence, context)
            }
        }
    }

    mutating func reactionClaim(_ sentence: String, h: Int, a: Int, r: Int, context: String) throws {
        let holder = Int(allocation.household[a])
        let w = Int(allocation.reaction[a])
        let holderPlace = w >= 0 ? allocation.position[w] : nil
        if let c = try inner.captures(#"U kwam in aanmerking voor deze woning en stond op plaats (\d+) van (\d+)\."#, sentence) {
            let eligible = market.reactions.ofAdvert(a).filter { allocation.exclusion[Int($0)] == .eligible }.count
            claim(allocation.exclusion[r] == .eligible && allocation.position[r] == Int32(c[0])! && eligible == Int(c[1])!, sentence, context)
        } else if sentence.hasPrefix("U kwam niet in aanmerking voor deze woning: ") {
            claim(allocation.exclusion[r] != .eligible, sentence, context)
        } else if sentence == "U krijgt deze woning aangeboden." {
            claim(holder == h && market.adverts.model[a] != .direct, sentence, context)
        } else if sentence == "De verhuurder heeft deze woning rechtstreeks aan u toegewezen." {
            claim(holder == h && market.adverts.model[a] == .direct, sentence, context)
        } else if sentence.hasPrefix("De woning was met voorrang bestemd voor ") && sentence.hasSuffix("; daar hoort u bij.") {
            claim(holder == h && reserveGroup(a).map { allocation.isMember(r, group: $0) } == true, sentence, context)
        } else if sentence == "De verhuurder heeft deze woning rechtstreeks toegewezen aan een huishouden dat zij zelf aanwees." {
            claim(holder >= 0 && holder != h && market.adverts.model[a] == .direct, sentence, context)
        } else if sentence == "Deze woning is in deze ronde niet verhuurd." {
            claim(holder < 0, sentence, context)
        } else if let c = try inner.captures(#"De woning ging naar het huishouden op plaats (\d+): (.+)\."#, sentence) {
            claim(holderPlace == Int32(c[0])! && allocation.position[r] > Int32(c[0])!, sentence, context)
            if let d = try inner.captures(#"dat huishouden staat langer ingeschreven \(sinds (.+); u sinds (.+)\)"#, c[1]) {
                claim(day(d[0]) == market.households.registrationDate[holder].description && day(d[1]) == market.households.registrationDate[h].description
                      && day(d[0])! < day(d[1])!, sentence, context)
            } else if let d = try inner.captures(#"dat huishouden heeft meer punten \((\d+) tegen uw (\d+)\)"#, c[1]) {
                claim(Int(d[0])! > Int(d[1])!, sentence, context)
            } else if c[1].hasPrefix("de woning was met voorrang bestemd voor ") {
                claim(reserveGroup(a).map { allocation.isMember(w, group: $0) && !allocation.isMember(r, group: $0) } == true, sentence, context)
            }
        } else if let c = try inner.captures(#"(?:U stond hoger dan het huishouden dat de woning kreeg \(plaats (\d+)\)|Niemand kreeg deze woning), maar (.+)"#, sentence) {
            claim(c[0].isEmpty ? holder < 0 : (holderPlace == Int32(c[0])! && allocation.position[r] < Int32(c[0])!), sentence, context)
            try tail(c[1], h: h, a: a, r: r, sentence: sentence, context: context)
        } else if let c = try inner.captures(#"U kreeg rechtstreeks een woning toegewezen \(advertentie (\S+)\) en deed daarna niet meer mee\."#, sentence) {
            claim(inner.advertIndex(c[0]).map { allocation.household[$0] == Int32(h) && market.adverts.model[$0] == .direct } == true, sentence, context)
        } else {
            claim(false, "unchecked sentence: " + sentence, context)
        }
    }

    /// The group advert `a` was reserved for (reserves name a policy quota).
    func reserveGroup(_ a: Int) -> Int? {
        let q = Int(allocation.reservedFor[a])
        guard q >= 0, q < policy.quotas.count else { return nil }
        return allocation.groupNames.firstIndex(of: policy.quotas[q].group)
    }

    /// What follows "maar": a home wanted more, one offered earlier, or the caps.
    mutating func tail(_ text: String, h: Int, a: Int, r: Int, sentence: String, context: String) throws {
        if let c = try inner.captures(#"u krijgt een woning die u liever wilde \(advertentie (\S+), uw (\d+)e keuze\)\."#, text) {
            let x = inner.advertIndex(c[0])
            claim(allocation.mechanism == .deferredAcceptance && x != nil && x == inner.housedAt[h]
                  && x.flatMap { inner.reaction(h, $0) }.map { allocation.preference[$0] == Int32(c[1])! && allocation.preference[$0] < allocation.preference[r] } == true,
                  sentence, context)
        } else if let c = try inner.captures(#"u kreeg eerder al een woning aangeboden \(advertentie (\S+)\); .*"#, text) {
            let x = inner.advertIndex(c[0])
            claim(allocation.mechanism == .sequential && x != nil && x == inner.housedAt[h]
                  && (market.adverts.start[x!].rawValue, x!) < (market.adverts.start[a].rawValue, a), sentence, context)
        } else {
            guard text.hasSuffix(".") else { claim(false, sentence, context); return }
            var capped = 0
            let claims = allocation.capClaims(r, in: market)
            var body = String(text.dropLast())
            let keptTail = ". Aan het eind was er wel ruimte, maar als u de woning had gekregen, waren andere huishoudens verschoven en was een andere regel van de verdeling geschonden"
            let kept = body.hasSuffix(keptTail)
            if kept { body = String(body.dropLast(keptTail.count)) }
            self.claim(kept == (allocation.refusedBy[r] & CapRefusals.kept != 0), sentence, context)
            var floorHolds = false
            if let f = try inner.captures(#"(.*), maar dan waren .* minder dan de afgesproken (\d+) (?:woningen|personen) naar .* gegaan \(het waren er (\d+) geworden\)"#, body) {
                floorHolds = Int(f[2])! < Int(f[1])!
                self.claim(floorHolds, sentence, context)
                body = f[0]
            }
            for part in body.components(separatedBy: "; en ") {
                guard let c = try inner.captures(#".* mochten .* (?:ten hoogste (\d+)|nog geen) (woning|woningen|personen|persoon) gaan naar .*; met u erbij waren het er (\d+) geworden"#, part),
                      capped < claims.count, let claim = claims[capped] else {
                    self.claim(false, sentence, context)
                    return
                }
                let target = c[0].isEmpty ? 0 : Int(c[0])!
                self.claim(claim.target == target && claim.withReaction == Int(c[2])! && (claim.withReaction > claim.target || floorHolds || kept)
                           && (claim.rule.unit == .persons) == c[1].hasPrefix("person")
                           && (c[1] == "woning" || c[1] == "persoon") == (target == 1), sentence, context)
                capped += 1
            }
            self.claim(capped == claims.count && capped > 0 && allocation.refusedBy[r] != 0, sentence, context)
        }
    }
}

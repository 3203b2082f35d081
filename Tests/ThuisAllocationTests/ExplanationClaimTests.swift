import Foundation
import Testing
import ThuisCore
import ThuisPolicyFile
import ThuisReports
import ThuisTestSupport
import ThuisXML

/// Every sentence `explain` writes makes a claim (housed where, which choice, who came first and
/// why, which cap); each is checked here against the allocation, for every household and every
/// advert, on the demo, on random markets and on generated nights.
@Suite struct ExplanationClaimTests {
    /// Checks every claim of every explanation of an allocation; returns the claims that are false.
    static func falseClaims(_ market: Market, _ policy: Policy, _ allocation: Allocation) throws -> [String] {
        let explanation = Explanation(AllocationFacts(market: market, allocation: allocation, policy: policy))
        var checker = ClaimChecker(market: market, allocation: allocation)
        for h in 0..<market.households.count { try checker.household(h, explanation.household(h)) }
        for a in 0..<market.adverts.count { try checker.advert(a, explanation.advert(a)) }
        #expect(checker.checked > 0)
        return checker.failures
    }

    @Test("the demo's explanations are true, under every shipped policy")
    func demo() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        for name in VerifyTests.shippedPolicies {
            let policy = try VerifyTests.policy(name)
            let failures = try Self.falseClaims(market, policy, Allocator.allocate(market, policy))
            #expect(failures.isEmpty, "\(name): \(failures.prefix(5))")
        }
    }

    @Test("the worked example of Fixtures/exports/README.md is what explain says")
    func workedExample() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try VerifyTests.policy("een-thuis-voor-iedereen.toml")
        let explanation = Explanation(AllocationFacts(market: market, allocation: Allocator.allocate(market, policy), policy: policy))
        let h07 = explanation.household(Int(try #require(market.households.ids.index(of: "H07"))))
        // "P06 (reserved) | H07 | ... of its earlier choices, P04 is closed to it by the passend
        // cap, P03 goes to H19 and P09 to H31, who rank above it"
        #expect(h07.contains("Housed: P06 (its choice 4 of 5)."))
        #expect(h07.contains("1. P04:"))
        #expect(h07.contains("turned away here by the cap passend-exceptions"))
        #expect(h07.contains("H19 came first because both have priority, and its status started earlier (longer urgency)."))
        #expect(h07.contains("H31 came first because both have priority, and its status started earlier (longer urgency)."))
        #expect(h07.contains("This household ranked higher here, but was housed at P06, its choice 4, which it wanted more (this was its choice 5)."))
        #expect(!h07.contains("housed at P06, which it wanted more") || !h07.contains("1. P04:\n   Eligible; number 1"))
    }

    @Test("explanations on random markets are true, under both mechanisms", arguments: PropertyRuns.sample(Array(UInt64(1)...60), 8))
    func random(_ seed: UInt64) throws {
        for mechanism in ["da", "sequential"] {
            let (market, policy, allocation) = try AllocationPropertyTests.load(seed, caps: seed % 2 == 0, mechanism: mechanism)
            let failures = try Self.falseClaims(market, policy, allocation)
            #expect(failures.isEmpty, "seed \(seed) \(mechanism): \(failures.prefix(5))")
        }
    }

    /// 18 s a night in a debug build: run in the release step only (`PropertyRuns.full`).
    @Test("explanations of three generated nights are true", .enabled(if: PropertyRuns.full), arguments: [UInt64(1), 2, 3])
    func nights(_ seed: UInt64) throws {
        let market = try VerifyTests.night(seed)
        let policy = try VerifyTests.policy("een-thuis-voor-iedereen.toml")
        let failures = try Self.falseClaims(market, policy, Allocator.allocate(market, policy))
        #expect(failures.isEmpty, "night \(seed): \(failures.prefix(5))")
    }
}

/// Reads explanations sentence by sentence and checks each claim against the allocation.
struct ClaimChecker {
    let market: Market
    let allocation: Allocation
    var failures: [String] = []
    var checked = 0
    let housedAt: [Int: Int]

    init(market: Market, allocation: Allocation) {
        self.market = market
        self.allocation = allocation
        var at: [Int: Int] = [:]
        for a in 0..<market.adverts.count where allocation.household[a] >= 0 { at[Int(allocation.household[a])] = a }
        housedAt = at
    }

    mutating func claim(_ holds: Bool, _ sentence: some StringProtocol, _ context: String) {
        checked += 1
        if !holds { failures.append("\(context): \(sentence)") }
    }

    func advertIndex(_ id: some StringProtocol) -> Int? { market.adverts.ids.index(of: String(id)).map(Int.init) }
    func householdIndex(_ id: some StringProtocol) -> Int? { market.households.ids.index(of: String(id)).map(Int.init) }
    func reaction(_ h: Int, _ a: Int) -> Int? { market.reactions.ofHousehold(h).first { Int(market.reactions.advert[$0]) == a } }
    func position(ofHolder a: Int) -> Int32? {
        let r = allocation.reaction[a]
        return r >= 0 ? allocation.position[Int(r)] : nil
    }
    func capNames(_ r: Int) -> Set<String> { Set(allocation.capNames(allocation.refusedBy[r])) }

    /// Compiled once per pattern: compiling is most of the cost on a night's 6,000 households.
    var compiled: [String: Regex<AnyRegexOutput>] = [:]

    mutating func captures(_ pattern: String, _ text: some StringProtocol) throws -> [String]? {
        let regex = try compiled[pattern] ?? Regex(pattern)
        compiled[pattern] = regex
        guard let match = try regex.wholeMatch(in: String(text)) else { return nil }
        return (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
    }

    mutating func household(_ h: Int, _ text: String) throws {
        let id = market.households.ids[h]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var current: (advert: Int, r: Int)?
        for line in lines {
            let context = "household \(id)"
            let sentence = line.trimmingCharacters(in: .whitespaces)
            if let c = try captures(#"Housed: (\S+) \(its choice (\d+) of (\d+)\)\."#, sentence) {
                let a = advertIndex(c[0])
                claim(a.map { allocation.household[$0] == Int32(h) } == true && a.flatMap { reaction(h, $0) }.map { allocation.preference[$0] == Int32(c[1])! } == true
                      && market.reactions.ofHousehold(h).count == Int(c[2])!, sentence, context)
            } else if sentence == "Not housed in this batch." {
                claim(housedAt[h] == nil, sentence, context)
            } else if let c = try captures(#"Allocated (\S+) directly: .*"#, sentence) {
                claim(advertIndex(c[0]).map { allocation.household[$0] == Int32(h) && market.adverts.model[$0] == .direct } == true, sentence, context)
            } else if let c = try captures(#"(\d+)\. (\S+): .*"#, sentence), !line.hasPrefix(" ") {
                guard let a = advertIndex(c[1]), let r = reaction(h, a) else { claim(false, sentence, context); continue }
                claim(allocation.preference[r] == Int32(c[0])!, sentence, context)
                current = (a, r)
            } else if let (a, r) = current {
                try reactionClaim(sentence, h: h, a: a, r: r, context: "\(context) at \(market.adverts.ids[a])")
            }
        }
    }

    mutating func reactionClaim(_ sentence: String, h: Int, a: Int, r: Int, context: String) throws {
        let holder = Int(allocation.household[a])
        if let c = try captures(#"Eligible; number (\d+) of (\d+) on the candidate list\."#, sentence) {
            let eligible = market.reactions.ofAdvert(a).filter { allocation.exclusion[Int($0)] == .eligible }.count
            claim(allocation.exclusion[r] == .eligible && allocation.position[r] == Int32(c[0])! && eligible == Int(c[1])!, sentence, context)
        } else if let c = try captures(#"Not eligible \(([A-Z_]+)\): .*"#, sentence) {
            claim(allocation.exclusion[r].code == c[0], sentence, context)
        } else if sentence == "This household got the advert." {
            claim(holder == h && market.adverts.model[a] != .direct, sentence, context)
        } else if sentence == "The landlord allocated it directly to this household." {
            claim(holder == h && market.adverts.model[a] == .direct, sentence, context)
        } else if let c = try captures(#"Let to (\S+?)(?: \(number (\d+)\))?\."#, sentence) {
            claim(householdIndex(c[0]) == holder && (c[1].isEmpty || position(ofHolder: a) == Int32(c[1])!), sentence, context)
        } else if let c = try captures(#"(\S+) came first because (.*)\."#, sentence) {
            claim(householdIndex(c[0]) == holder && position(ofHolder: a).map { $0 < allocation.position[r] } == true, sentence, context)
            if let d = try captures(#"it registered earlier \((\S+) against (\S+)\)"#, c[1]) {
                claim(d[0] < d[1] && market.households.registrationDate[holder].description == d[0]
                      && market.households.registrationDate[h].description == d[1], sentence, context)
            }
        } else if let c = try captures(#"This household ranked higher here, but was housed at (\S+), its choice (\d+), which it wanted more \(this was its choice (\d+)\)\."#, sentence) {
            let x = advertIndex(c[0])
            let held = x.flatMap { reaction(h, $0) }
            claim(allocation.mechanism == .deferredAcceptance && x.map { allocation.household[$0] == Int32(h) } == true
                  && held.map { allocation.preference[$0] == Int32(c[1])! } == true && Int32(c[1])! < Int32(c[2])!
                  && allocation.preference[r] == Int32(c[2])! && (position(ofHolder: a).map { allocation.position[r] < $0 } ?? true), sentence, context)
        } else if let c = try captures(#"This household ranked higher here, but was already housed at (\S+), its choice (\d+), offered before this advert .*"#, sentence) {
            let x = advertIndex(c[0])
            claim(allocation.mechanism == .sequential && x.map { allocation.household[$0] == Int32(h)
                && (market.adverts.start[$0].rawValue, $0) < (market.adverts.start[a].rawValue, a) } == true, sentence, context)
        } else if let c = try captures(#"This household was turned away here by (the cap .+); at the end the cap has room, but every way of letting it in moved other households so that another rule broke \(a cap's limit fell below its count, a floor fell or a letting was lost\), so the refusal stands\."#, sentence) {
            // Kept: the caps have room at the end, and the repair could not let it in.
            var names = Set<String>()
            for part in c[0].components(separatedBy: " and by ") {
                guard let d = try captures(#"the cap (\S+) when the run came to it \((.+): at most (-?\d+); it ends at (\d+), and with this household here it would be (-?\d+)\)"#, part),
                      let cap = allocation.caps.firstIndex(where: { $0.name == d[0] }),
                      let (row, count) = CapRepairTests.countWith(market, allocation, r, cap: cap) else {
                    claim(false, sentence, context)
                    continue
                }
                names.insert(d[0])
                claim(row.scope == d[1] && row.target == Int(d[2])! && row.achieved == Int(d[3])! && count == Int(d[4])! && count <= row.target,
                      sentence, context)
            }
            claim(names == capNames(r) && allocation.refusedBy[r] & CapRefusals.kept != 0
                  && position(ofHolder: a).map { allocation.position[r] < $0 } ?? true, sentence, context)
        } else if let c = try captures(#"This household was turned away here by (the cap .+?)(?:; with this household here the floor (\S+) would fall short \((.+): at least (\d+); it ends at (\d+), and it would be (\d+)\))?\."#, sentence) {
            var names = Set<String>()
            let floor = c[1].isEmpty ? nil : c
            if let floor {
                let row = allocation.quotas.first { $0.kind == .floor && $0.quota == floor[1] && $0.scope == floor[2] }
                claim(row.map { $0.target == Int(floor[3])! && $0.achieved == Int(floor[4])! } == true && Int(floor[5])! < Int(floor[3])!
                      && Int(floor[5])! < Int(floor[4])!, sentence, context)
            }
            for part in c[0].components(separatedBy: " and by ") {
                guard let d = try captures(#"the cap (\S+) \((.+): at most (-?\d+); it ends at (\d+), and with this household here it would be (-?\d+)\)"#, part),
                      let cap = allocation.caps.firstIndex(where: { $0.name == d[0] }),
                      let (row, count) = CapRepairTests.countWith(market, allocation, r, cap: cap) else {
                    claim(false, sentence, context)
                    continue
                }
                names.insert(d[0])
                claim(row.scope == d[1] && row.target == Int(d[2])! && row.achieved == Int(d[3])! && count == Int(d[4])! && (count > row.target || floor != nil),
                      sentence, context)
            }
            claim(names == capNames(r) && position(ofHolder: a).map { allocation.position[r] < $0 } ?? true, sentence, context)
        } else if let c = try captures(#"This household was allocated (\S+) directly, so it took part no further\."#, sentence) {
            claim(advertIndex(c[0]).map { allocation.household[$0] == Int32(h) && market.adverts.model[$0] == .direct } == true, sentence, context)
        } else if sentence.hasPrefix("Not let in this batch") {
            claim(holder < 0, sentence, context)
        } else if let c = try captures(#"Reserved for (\S+) \(quota (\S+)\): its members came first; (a member got it|no member was matched here, so it reverted to open)\."#, sentence) {
            let q = Int(allocation.reservedFor[a])
            let g = allocation.groupNames.firstIndex(of: c[0])
            let memberHolds = g.map { g in allocation.reaction[a] >= 0 && allocation.isMember(Int(allocation.reaction[a]), group: g) } ?? false
            claim(q >= 0 && allocation.quotaNames[q] == c[1] && memberHolds == (c[2] == "a member got it"), sentence, context)
        } else if sentence == "The landlord allocated it directly to that household." {
            claim(holder >= 0 && holder != h && market.adverts.model[a] == .direct, sentence, context)
        } else if sentence.hasPrefix("Its income is above the DAEB limit") {
            claim(allocation.aboveDaebLimit[r], sentence, context)
        } else if sentence.hasPrefix("The rent is above the aftoppingsgrens for its income") {
            claim(allocation.passendException[r], sentence, context)
        } else if !sentence.isEmpty {
            // A sentence no pattern knows is a claim nobody checked: it fails until one does.
            claim(false, "unchecked sentence: " + sentence, context)
        }
    }

    mutating func advert(_ a: Int, _ text: String) throws {
        let context = "advert \(market.adverts.ids[a])"
        let holder = Int(allocation.household[a])
        for line in text.split(separator: "\n") {
            let sentence = line.trimmingCharacters(in: .whitespaces)
            if let c = try captures(#"Let to (\S+)\."#, sentence) {
                claim(householdIndex(c[0]) == holder, sentence, context)
            } else if sentence.hasPrefix("Not let:") {
                claim(holder < 0, sentence, context)
            } else if let c = try captures(#"Candidate list \((\d+) eligible of (\d+) reactions\):"#, sentence) {
                let reactions = market.reactions.ofAdvert(a)
                claim(reactions.filter { allocation.exclusion[Int($0)] == .eligible }.count == Int(c[0])! && reactions.count == Int(c[1])!, sentence, context)
            } else if let c = try captures(#"(\d+)\. (\S+)(  <- got it)?(?:  turned away here: cap (.+?) reached)?(?:  housed at (\S+)( \(wanted more\))?)?(?:  \[.*\])?"#, sentence) {
                guard let h = householdIndex(c[1]), let r = reaction(h, a) else { claim(false, sentence, context); continue }
                claim(allocation.position[r] == Int32(c[0])!, sentence, context)
                claim((h == holder) == !c[2].isEmpty, sentence, context)
                claim(c[3].isEmpty ? allocation.refusedBy[r] == 0 : Set(c[3].components(separatedBy: ", ")) == capNames(r), sentence, context)
                if !c[4].isEmpty {
                    let x = advertIndex(c[4])
                    claim(x.map { allocation.household[$0] == Int32(h) } == true, sentence, context)
                    if !c[5].isEmpty {
                        claim(x.flatMap { reaction(h, $0) }.map { allocation.preference[$0] < allocation.preference[r] } == true, sentence, context)
                    }
                } else {
                    claim(h == holder || housedAt[h] == nil, sentence, context)
                }
            }
        }
    }
}

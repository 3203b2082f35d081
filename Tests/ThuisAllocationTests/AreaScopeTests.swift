import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisPolicyFile
import ThuisReports
import ThuisTestSupport
import ThuisVERA
import ThuisXML

/// Stadsdeel, wijk, buurt and complex: read from both formats and checked against the
/// dwelling's municipality, refused where a policy needs them and a dwelling lacks them, and
/// as quota scopes allocated, recounted by verify and explained (Fixtures/exports/README.md,
/// "Spreading per buurt").
@Suite(.timeLimit(.minutes(3))) struct AreaScopeTests {
    static func read(_ dwelling: String) -> IngestResult {
        ExportReader.read(document: """
            <?xml version="1.0" encoding="UTF-8"?>
            <Woonruimteverdeling versie="1.0" peildatum="2026-11-25" regio="Test">
            \(dwelling)
            </Woonruimteverdeling>

            """)
    }

    @Test("the XML export's areas are read as attributes or {code, naam} elements, stadsdeel and cluster kept per owner")
    func readXML() throws {
        let result = Self.read("""
            <Eenheid id="E1" gemeente="0363" corporatie="MIT" kamersAantal="2" rekenhuur="600.00" stadsdeel="A" wijk="WK036300" buurt="BU03630001" cluster="C7"/>
            <Eenheid id="E2" gemeente="0344" corporatie="POR" kamersAantal="2" rekenhuur="600.00"><wijk code="WK034401" naam="West"/><buurt>BU03440101</buurt></Eenheid>
            """)
        let market = try #require(result.market, "\(result.diagnostics)")
        #expect(market.areaCodes(ofDwelling: 0) == [AreaKind.borough: "0363:A", .district: "WK036300", .neighbourhood: "BU03630001", .complex: "MIT:C7"])
        #expect(market.areaCodes(ofDwelling: 1) == [AreaKind.district: "WK034401", .neighbourhood: "BU03440101"])
        #expect(market.hasAreas)
        #expect(market.sourceGaps[.complex]?.line == 4)
        #expect(market.sourceGaps[.neighbourhood] == nil)
    }

    @Test("a wijk or buurt that is no CBS code of the dwelling's municipality, or a buurt outside its wijk, is refused at its record",
          arguments: [
            (#"wijk="WK03630""#, "3:1: error: INVALID_AREA: Eenheid E1: wijk 'WK03630' is not a CBS wijk code (WK and 6 digits, e.g. WK036300)"),
            (#"buurt="BU0344000A""#, "3:1: error: INVALID_AREA: Eenheid E1: buurt 'BU0344000A' is not a CBS buurt code (BU and 8 digits, e.g. BU03630000)"),
            (#"wijk="WK034400""#, "3:1: error: INVALID_AREA: Eenheid E1: wijk 'WK034400' lies in municipality 0344, not in the dwelling's 0363"),
            (#"wijk="WK036301" buurt="BU03630201""#, "3:1: error: INVALID_AREA: Eenheid E1: buurt BU03630201 does not lie in its wijk WK036301"),
          ])
    func refusedXML(_ attribute: String, _ expected: String) {
        let result = Self.read(#"<Eenheid id="E1" gemeente="0363" corporatie="MIT" kamersAantal="2" rekenhuur="600.00" \#(attribute)/>"#)
        #expect(result.market == nil)
        #expect(result.diagnostics.map(\.description).contains { $0.hasSuffix(expected) }, "\(result.diagnostics.map(\.description))")
    }

    @Test("a buurt quota refuses a batch in which a dwelling has no buurt, naming the quota and the dwelling")
    func refusedWithoutArea() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = directory.appendingPathComponent("e.xml").path
        try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
            .replacingOccurrences(of: #" buurt="BU03560102""#, with: "").write(toFile: export, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out").path
        let result = try ThuisProcess.run(["allocate", "--no-ledger", "--export", export,
                                           "--policy", Fixtures.path("policies/spreiding-per-buurt.toml"), "--out", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains(#"e.xml:40:5: error: MISSING_FIELD: quota "urgenten-buurt-1-op-3" (scope = "buurt") needs the dwellings' buurt"#), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // The same export under a policy without area quotas is let as before.
        let plain = try ThuisProcess.run(["allocate", "--no-ledger", "--export", export,
                                          "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"), "--out", out])
        #expect(plain.exitCode == 0)
    }

    @Test("the worked example: in buurt BU03440301 one letting in three goes to urgenten, so H14 goes to Nieuwegein and H24 is not housed")
    func workedExample() throws {
        let market = try #require(ExportReader.read([Fixtures.demoRegion]).market)
        let policy = try VerifyTests.policy("spreiding-per-buurt.toml")
        let allocation = Allocator.allocate(market, policy)
        func holder(_ advert: String) -> String? {
            let a = Int(market.adverts.ids.index(of: advert)!)
            return allocation.household[a] < 0 ? nil : market.households.ids[Int(allocation.household[a])]
        }
        #expect(holder("P02") == "H09")
        #expect(holder("P05") == "H06")
        #expect(holder("P10") == "H14")
        #expect(holder("P12") == "H28")
        #expect(holder("P03") == "H29")
        let housed = Set((0..<market.adverts.count).compactMap { holder(market.adverts.ids[$0]) })
        #expect(!housed.contains("H24") && !housed.contains("H19"))
        let row = try #require(allocation.quotas.first { $0.quota == "urgenten-buurt-1-op-3" && $0.scope == "buurt BU03440301" })
        #expect((row.target, row.achieved) == (1, 1))
        let explanation = Explanation(AllocationFacts(market: market, allocation: allocation, policy: policy))
        let h14 = explanation.household(Int(try #require(market.households.ids.index(of: "H14"))))
        #expect(h14.contains("1. P05: AAN advert for E05 in 0344, buurt BU03440301 (POR)"))
        #expect(h14.contains("This household was turned away here by the cap urgenten-buurt-1-op-3 (buurt BU03440301: at most 1; it ends at 1, and with this household here it would be 2)."))
        #expect(h14.contains("Housed: P10 (its choice 2 of 3)."))
        let letter = HouseholdLetter(AllocationFacts(market: market, allocation: allocation, policy: policy)).letter(
            Int(try #require(market.households.ids.index(of: "H14"))))
        #expect(letter.contains("in de buurt van deze woning mochten in deze ronde ten hoogste 1 woning gaan naar huishoudens met voorrang"))
        #expect(try ExplanationClaimTests.falseClaims(market, policy, allocation).isEmpty)
    }

    @Test("a priority whose profile lists a buurt holds at dwellings there only, in both formats")
    func priorityByArea() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // H09's social urgency, limited to buurt BU03440302 (P03, P04, P06) and wijk WK035601 (Nieuwegein).
        let export = directory.appendingPathComponent("e.xml").path
        let text = try String(contentsOfFile: Fixtures.demoRegion, encoding: .utf8)
        let original = #"<Voorrangsregeling id="V09" soort="URG" detailSoort="SOC" begindatum="2026-03-10" einddatum="2027-03-10"/>"#
        #expect(text.contains(original))
        try text.replacingOccurrences(of: original, with: original.dropLast(2) + "><buurt>BU03440302</buurt><wijk code=\"WK035601\"/></Voorrangsregeling>")
            .write(toFile: export, atomically: true, encoding: .utf8)
        let market = try #require(ExportReader.read([export]).market)
        let h09 = Int(try #require(market.households.ids.index(of: "H09")))
        let status = market.households.priorityRange(h09).lowerBound
        func dwelling(_ id: String) -> Int { Int(market.dwellings.ids.index(of: id)!) }
        #expect(!market.priorities.applies(status, atDwelling: dwelling("E02"), of: market.dwellings))
        #expect(market.priorities.applies(status, atDwelling: dwelling("E03"), of: market.dwellings))
        #expect(market.priorities.applies(status, atDwelling: dwelling("E12"), of: market.dwellings))
        // Without its priority at P02, H09 (registered 2020) loses its first choice.
        let policy = try VerifyTests.policy("een-thuis-voor-iedereen.toml")
        let allocation = Allocator.allocate(market, policy)
        #expect(allocation.household[Int(market.adverts.ids.index(of: "P02")!)] != Int32(h09))
        let explanation = Explanation(AllocationFacts(market: market, allocation: allocation, policy: policy)).household(h09)
        #expect(explanation.contains("priority: URG/SOC from 2026-03-10 to 2027-03-10 in buurt BU03440302, wijk WK035601."), "\(explanation)")
        #expect(try ExplanationClaimTests.falseClaims(market, policy, allocation).isEmpty)
        // Where a dwelling has no buurt, such a status cannot be placed: the batch is refused.
        let without = directory.appendingPathComponent("without.xml").path
        try String(contentsOfFile: export, encoding: .utf8).replacingOccurrences(of: #" buurt="BU03560102""#, with: "")
            .write(toFile: without, atomically: true, encoding: .utf8)
        let refused = try ThuisProcess.run(["allocate", "--no-ledger", "--export", without, "--policy", Fixtures.path("policies/een-thuis-voor-iedereen.toml"),
                                            "--out", directory.appendingPathComponent("refused").path])
        #expect(refused.exitCode == 65)
        #expect(refused.stderr.contains("MISSING_FIELD: the priority status of household H09, which holds in buurt BU03440302 (Voorrangsregeling profile) needs the dwellings' buurt"), "\(refused.stderr)")
        // The VERA twin carries the profile's buurten and wijken, and reads back the same.
        let vera = directory.appendingPathComponent("vera").path
        #expect(ConvertCommand(inputs: [export], outPath: vera).run().exit == .ok)
        let twin = try #require(VERABatchReader.read([vera]).market)
        let twinStatus = twin.households.priorityRange(Int(twin.households.ids.index(of: "H09")!)).lowerBound
        #expect(twin.priorities.areas(of: twinStatus) == market.priorities.areas(of: status))
    }

    @Test("verify recounts every buurt cap from allocations.csv: a letting moved to another buurt fails")
    func verifyRecounts() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        var command = AllocateCommand(exports: [Fixtures.demoRegion], policyPath: Fixtures.path("policies/spreiding-per-buurt.toml"), outPath: out)
        command.ledgerPath = nil
        #expect(command.run().exit == .ok)
        #expect(try ThuisProcess.run(["verify", out]).exitCode == 0)
        // P03 (H29, urgent) lies in BU03440302; say it lies in BU03440301, whose one urgent slot H09 holds.
        try VerifyTests.edit(out, "allocations.csv") { lines in
            let p03 = try VerifyTests.index(lines, "P03,")
            lines[p03] = lines[p03].replacingOccurrences(of: "BU03440302", with: "BU03440301")
        }
        let result = try ThuisProcess.run(["verify", out])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("quota-report.csv:7:1: error: REPORT_MISMATCH: urgenten-buurt-1-op-3 buurt BU03440301: achieved 1, but the lettings counting against it add up to 2"), "\(result.stderr)")
    }
}

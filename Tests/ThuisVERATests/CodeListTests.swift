import Foundation
import Testing
import ThuisCore
import ThuisTestSupport

/// Thuis's codes are VERA's: each is in the vendored Referentiedata (release 4.3.0) under the
/// list its type names, but for the few the export format adds, which `Documentation/vera.md` lists.
@Suite struct CodeListTests {
    /// Referentiedata.csv: list name -> codes.
    static let referentiedata: [String: Set<String>] = {
        let text = try! String(contentsOfFile: Fixtures.path("vera/spec/Referentiedata.csv"), encoding: .utf8)
        var lists: [String: Set<String>] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            lists[String(fields[0]), default: []].insert(String(fields[1]))
        }
        return lists
    }()

    /// Codes Thuis reads that VERA's lists do not have (documented in vera.md).
    static let additions: Set<String> = ["DOELGROEP ALG", "AANVULLENDEDOELGROEP UIT", "AANVULLENDEDOELGROEP ARB",
                                         "AANVULLENDEDOELGROEP WOW", "VOORRANGDETAILSOORT ARB", "VOORRANGDETAILSOORT WOW",
                                         "INKOMENSSOORT VZI"]

    static func codes<C: VERACode>(_ type: C.Type) -> [String] { C.allCases.map { "\(C.listName) \($0.rawValue)" } }

    @Test("every code is VERA's, or one of the documented additions")
    func codesAreVERAs() throws {
        let all = Self.codes(AdditionalTargetGroup.self) + Self.codes(CriterionKind.self) + Self.codes(CriterionUse.self)
            + Self.codes(IncomeKind.self) + Self.codes(OfferStatus.self) + Self.codes(OfferDetailStatus.self) + Self.codes(PriorityCategory.self)
            + Self.codes(PriorityKind.self) + Self.codes(PublicationModel.self) + Self.codes(SocialLabel.self) + Self.codes(TargetGroup.self)
        var missing: Set<String> = []
        for entry in all {
            let parts = entry.split(separator: " ").map(String.init)
            #expect(Self.referentiedata[parts[0]] != nil, "\(parts[0]) is not a list of Referentiedata")
            if Self.referentiedata[parts[0]]?.contains(parts[1]) != true { missing.insert(entry) }
        }
        #expect(missing == Self.additions)
        let doc = try String(contentsOfFile: Fixtures.root.appendingPathComponent("Documentation/vera.md").path, encoding: .utf8)
        for addition in Self.additions {
            let parts = addition.split(separator: " ")
            #expect(doc.contains("\(parts[0]) \(parts[1])"), "vera.md does not list \(addition)")
        }
    }
}

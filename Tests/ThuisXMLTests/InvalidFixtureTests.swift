import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport
import ThuisXML

/// Every file in Fixtures/invalid/ is refused with its exact code and line, exit 65.
@Suite(.timeLimit(.minutes(3))) struct InvalidFixtureTests {
    /// (file, code, line) for each defect or attack.
    static let expectations: [(String, DiagnosticCode, Int)] = [
        ("advert-ends-before-start.xml", .advertEndsBeforeStart, 4),
        ("advert-without-dwelling.xml", .advertWithoutDwelling, 4),
        ("billion-laughs.xml", .doctypeRefused, 2),
        ("deep-nesting.xml", .tooDeep, 3),
        ("direct-allocation-without-household.xml", .missingField, 4),
        ("duplicate-id.xml", .duplicateID, 4),
        ("duplicate-reaction.xml", .duplicateReaction, 10),
        ("dwelling-advertised-twice.xml", .dwellingAdvertisedTwice, 5),
        ("empty.xml", .malformedXML, 1),
        ("encoder-error.xml", .invalidEncoding, 3),   // found by FuzzExport: refused, once, with no reason given
        ("external-dtd.xml", .doctypeRefused, 2),
        ("id-control-character.xml", .invalidValue, 6),   // U+0085, a C1 control that XML allows
        ("id-too-long.xml", .valueTooLong, 6),
        ("household-income-overflow.xml", .valueOutOfRange, 6),
        ("household-without-members.xml", .householdWithoutMembers, 5),
        ("huge-rent.xml", .valueOutOfRange, 3),
        ("income-sum-overflow.xml", .valueOutOfRange, 7),
        ("buurt-outside-wijk.xml", .invalidArea, 5),
        ("invalid-code.xml", .invalidCode, 4),
        ("invalid-date.xml", .invalidDate, 9),
        ("invalid-municipality.xml", .invalidMunicipality, 5),
        ("invalid-number.xml", .invalidNumber, 3),
        ("invalid-utf8.xml", .invalidEncoding, 3),
        ("malformed.xml", .malformedXML, 8),
        ("missing-field.xml", .missingField, 3),
        ("missing-peildatum.xml", .missingField, 2),
        ("namespaced-root.xml", .wrongRoot, 2),
        ("negative-income.xml", .negativeIncome, 7),
        ("not-xml.xml", .malformedXML, 1),
        ("offer-unknown-household.xml", .unknownHousehold, 10),
        ("prefixed-root.xml", .wrongRoot, 2),
        ("priority-ends-before-start.xml", .priorityEndsBeforeStart, 7),
        ("quadratic-blowup.xml", .doctypeRefused, 2),
        ("reference-control-character.xml", .invalidValue, 10),   // a tab, by character reference
        ("repeated-field.xml", .repeatedField, 4),
        ("text-up-to-a-cut.xml", .unknownAdvert, 9),   // FuzzExport: root text ending in `/>` before a cut
        ("too-many-members.xml", .valueOutOfRange, 107),
        ("truncated.xml", .truncated, 8),
        ("undeclared-entity.xml", .malformedXML, 2),
        ("unknown-advert.xml", .unknownAdvert, 9),
        ("unknown-dwelling.xml", .unknownDwelling, 4),
        ("unknown-household.xml", .unknownHousehold, 9),
        ("wrong-root.xml", .wrongRoot, 2),
        ("wrong-version.xml", .wrongVersion, 2),
        ("xxe-etc-passwd.xml", .doctypeRefused, 2),
        ("xxe-http.xml", .doctypeRefused, 2),
        ("xxe-local-file.xml", .doctypeRefused, 2),
    ]

    @Test("every invalid fixture has an expectation, and every expectation a fixture")
    func fixturesAreCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("invalid"))
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files == Self.expectations.map(\.0).sorted())
    }

    @Test("refused with the exact code and line", arguments: expectations)
    func refused(_ file: String, _ code: DiagnosticCode, _ line: Int) {
        let path = Fixtures.path("invalid/\(file)")
        var command = ValidateCommand(files: [path])
        command.format = .text
        let outcome = command.run()
        #expect(outcome.exit == .dataError)
        let first = outcome.stderr.split(separator: "\n").first { $0.contains(": error: ") }.map(String.init) ?? ""
        #expect(first.hasPrefix("\(path):\(line):"), "\(first)")
        #expect(first.contains(": error: \(code.rawValue): "), "\(first)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test("the CLI exits 65 with a FILE:LINE:COL: error: CODE: line", arguments: ["unknown-advert.xml", "billion-laughs.xml"])
    func cliRefuses(_ file: String) throws {
        let result = try ThuisProcess.run(["validate", Fixtures.path("invalid/\(file)")])
        #expect(result.exitCode == 65)
        let pattern = #/^.+:\d+:\d+: error: [A-Z_]+: .+$/#
        #expect(result.stderr.split(separator: "\n").contains { (try? pattern.wholeMatch(in: String($0))) != nil })
    }
}

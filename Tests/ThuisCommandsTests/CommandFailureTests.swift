import Foundation
import Testing
@testable import ThuisCommands
import ThuisCore
import ThuisLedger
import ThuisTestSupport

/// Errors from every layer reach the user with the code that says what failed, in one format.
@Suite struct CommandFailureTests {
    @Test("ledger, output folder and file failures map to their codes and statuses")
    func mapping() {
        let cases: [(any Error, String, SysExit)] = [
            (LedgerError(kind: .busy, "busy"), "LEDGER_BUSY", .temporaryFailure),
            (LedgerError(kind: .conflict, "other input"), "BATCH_ID_CONFLICT", .dataError),
            (LedgerError(kind: .other, "disk I/O error"), "LEDGER_FAILED", .cannotCreate),
            (OutputFolder.Failure(description: "cannot write"), "CANNOT_CREATE_OUTPUT", .cannotCreate),
            (AtomicFile.Failure(path: "x", reason: "read-only"), "CANNOT_CREATE_OUTPUT", .cannotCreate),
            (CommandFailure.usage("--out needs a path"), "USAGE", .usage),
            (CocoaError(.fileWriteOutOfSpace), "CANNOT_CREATE_OUTPUT", .cannotCreate),
            (CocoaError(.fileReadNoPermission), "READ_FAILED", .ioError),
            (EncodingError.invalidValue(Double.nan, .init(codingPath: [], debugDescription: "NaN")), "INTERNAL_ERROR", .software),
        ]
        for (error, code, exit) in cases {
            let failure = CommandFailure(error)
            #expect(failure.exit == exit)
            #expect(failure.outcome.stderr.hasPrefix("thuis: error: \(code): "))
        }
    }

    @Test("an unexpected error is INTERNAL_ERROR, exit 70, asking for a report, not a disk problem")
    func internalError() {
        struct Unplanned: Error {}
        let failure = CommandFailure(Unplanned())
        #expect(failure.exit == .software && failure.exit.rawValue == 70)
        #expect(failure.outcome.stderr.contains("error: INTERNAL_ERROR: "))
        #expect(failure.outcome.stderr.contains("please report it"))
        // A bug outranks whatever else the run found.
        #expect(SysExit(failingWith: [.error(.fileNotFound, "x", at: nil), .error(.internalError, "y", at: nil)]) == .software)
    }

    @Test("a missing file outranks the errors it causes")
    func precedence() {
        let errors: [Diagnostic] = [.error(.unknownAdvert, "x", at: nil), .error(.fileNotFound, "y", at: nil)]
        #expect(SysExit(failingWith: errors) == .noInput)
        #expect(SysExit(failingWith: [.warning(.unknownElement, "z", at: nil)]) == .ok)
    }

    @Test("report: a missing policy is 66, as in allocate; a bad period is 64")
    func reportInputs() {
        var command = ReportCommand(ledgerPath: "/nonexistent/thuis.sqlite", period: "2026")
        command.policyPath = "/nonexistent/policy.toml"
        let missing = command.run()
        #expect(missing.exit == .noInput)
        #expect(missing.stderr.contains("error: FILE_NOT_FOUND: "))
        #expect(ReportCommand(ledgerPath: "x", period: "2026-H3").run().exit == .usage)
    }

    @Test("explain on a folder whose summary.json is not a Thuis summary: NOT_A_RESULT, 65")
    func explainNotAResult() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{\"sweep\": true}\n".utf8).write(to: directory.appendingPathComponent("summary.json"))
        var command = ExplainCommand(outPath: directory.path)
        command.households = ["H05"]
        let outcome = command.run()
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.contains("error: NOT_A_RESULT: "))
    }

    @Test("compare refuses a run without two scenarios: USAGE, 64")
    func compareUsage() {
        let one = CompareCommand(exports: [Fixtures.demoRegion], policies: [Fixtures.path("policies/loting-20.toml")], outPath: "x").run()
        #expect(one.exit == .usage)
        #expect(one.stderr.hasPrefix("thuis: error: USAGE: "))
    }
}

import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport

/// `--skip-invalid` leaves a few bad records out; a page of a hundred thousand and more is a
/// broken batch, refused after a bounded amount of work, with nothing written.
@Suite(.timeLimit(.minutes(2))) struct SkipLimitTests {
    @Test("a page of 150,000 empty items stops reading at 100,000 errors: TOO_MANY_ERRORS, exit 65, no rejects file")
    func emptyItems() throws {
        let page = "[\n" + Array(repeating: "{}", count: 150_000).joined(separator: ",\n") + "\n]"
        let directory = try VERADiagnosticTests.batch("relaties-99.json", page)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rejects = directory.appendingPathComponent("rejects.csv").path
        var command = ValidateCommand(files: [])
        command.veraFolders = [directory.path]
        command.skipInvalid = true
        command.rejectsPath = rejects
        let outcome = command.run()
        #expect(outcome.exit == .dataError)
        #expect(outcome.stderr.contains("error: TOO_MANY_ERRORS: reading stopped after \(MarketBuilder.skipLimit) errors"), "\(outcome.stderr.suffix(300))")
        #expect(!FileManager.default.fileExists(atPath: rejects))
        #expect(outcome.stderr.split(separator: "\n").count <= 102)
    }
}

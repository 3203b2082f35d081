import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports

/// `thuis ledger import-lettings FILE [--ledger PATH] [--policy FILE] [--batch-id ID]`: the
/// lettings a region made before it ran Thuis (a region that starts in June), so that the
/// year's floors and legal caps start from the right year to date and their households count as
/// housed. CSV (comma or semicolon, dates `YYYY-MM-DD` or `DD-MM-YYYY`): `date, advert,
/// household, municipality, corporation, groups, persons, social, above_daeb, benefit_eligible,
/// passend_exception`, groups separated by `;` or `|`, the flags `true`/`false` (or `1`/`0`,
/// `ja`/`nee`).
///
/// All rows or none: every problem of the file is an error at its line and column, found in
/// one pass (up to 100), among them an advert the ledger already holds open or let and a
/// household it already houses. The same file again changes nothing.
public struct ImportLettingsCommand: ThuisCommand {
    public var file: String
    public var ledgerPath: String
    /// The policy whose groups the `groups` column must name.
    public var policyPath: String?
    public var batchID: String?
    public var waitSeconds: Double = 60

    public init(file: String, ledgerPath: String) {
        self.file = file
        self.ledgerPath = ledgerPath
    }

    static let errorLimit = LettingsFile.errorLimit

    public func execute() throws -> CommandOutcome {
        let groups = try policyPath.map { try PolicyFile.load($0).get() }.map { Set($0.groups.map(\.name)) }
        let bytes = try CSVInput.read(file)
        var (lettings, lines, errors) = try LettingsFile.parse(bytes, file: file, groups: groups)
        let sha = Fingerprint.sha256(bytes)
        let id = batchID ?? "import-\(sha.prefix(12))"
        let ledger = try Ledger(path: ledgerPath, busyTimeout: waitSeconds)
        let ledgerName = Ledger.absolute(ledgerPath)
        let imported = try ledger.transaction { tx -> Bool in
            if let earlier = try tx.batch(id) {
                guard earlier.exportSHA256 == sha else {
                    throw CommandFailure(.batchIDConflict, "batch \(id) was recorded on \(earlier.finishedAt) from another file; give another --batch-id")
                }
                return false
            }
            let days = lettings.map(\.day).sorted()
            let now = AllocateCommand.timestamp(Date())
            let batch = BatchRecord(id: id, peildatum: days.last?.description ?? "", region: "lettings before Thuis (\(RecordedRun.absolute(file)))",
                                    exportSHA256: sha, policySHA256: "", seed: 0, mechanism: "import", thuisVersion: ThuisVersion.current,
                                    startedAt: now, finishedAt: now, adverts: lettings.count, lettings: lettings.count,
                                    summary: "Imported \(lettings.count) letting(s) made before Thuis from \(file)\(days.first.map { ", \($0) to \(days.last!)" } ?? "").")
            // The rows that parsed are checked against the ledger even when others did not.
            for (row, problem) in try lettings.isEmpty ? [] : tx.importLettings(batch, lettings: lettings) where errors.count < Self.errorLimit {
                errors.append(.error(.advertAlreadyOffered, problem, at: at(lines[row])))
            }
            guard errors.isEmpty else {
                throw CommandFailure(listing: errors, in: file, limit: Self.errorLimit, nothing: "imported")
            }
            guard !lettings.isEmpty else { throw CommandFailure(.missingField, "the file holds no letting", at: SourceLocation(file: file, line: 2, column: 1)) }
            return true
        }
        guard imported else {
            return CommandOutcome(exit: .ok, stdout: "\(file) was imported already as batch \(id) in \(ledgerName): nothing changed.\n")
        }
        let days = lettings.map(\.day).sorted()
        return CommandOutcome(exit: .ok, stdout: "Imported \(lettings.count) letting(s) of \(days.first!) to \(days.last!) from \(file) into \(ledgerName) as batch \(id): the period's floors and legal caps count them, and their \(lettings.count) household(s) are housed.\n")
    }

    private func at(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
}

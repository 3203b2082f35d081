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

    public static let columns = ["date", "advert", "household", "municipality", "corporation", "groups", "persons", "social",
                                 "above_daeb", "benefit_eligible", "passend_exception"]
    static let errorLimit = 100

    public func execute() throws -> CommandOutcome {
        let groups = try policyPath.map { try PolicyFile.load($0).get() }.map { Set($0.groups.map(\.name)) }
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            throw CommandFailure(exists ? .readFailed : .fileNotFound, exists ? "cannot read" : "cannot open", at: SourceLocation(file: file, line: 0, column: 0))
        }
        let bytes = [UInt8](data)
        let records = try CSVReader.records(bytes, file: file, separator: CSVReader.separator(ofHeader: bytes))
        guard let header = records.first else {
            throw CommandFailure(.missingField, "the file is empty: the first line names the columns \(Self.columns.joined(separator: ","))",
                                 at: SourceLocation(file: file, line: 1, column: 1))
        }
        // Columns by name, in any order; advert_id and household_id as allocations.csv names them.
        var index: [String: Int] = [:]
        for (i, field) in header.enumerated() {
            var name = field.text.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "advert_id" || name == "household_id" { name = String(name.dropLast(3)) }
            index[name] = i
        }
        let missing = Self.columns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw CommandFailure(.missingField, "the first line lacks \(missing.joined(separator: ", ")): it names the columns \(Self.columns.joined(separator: ","))",
                                 at: SourceLocation(file: file, line: header[0].line, column: 1))
        }
        var errors: [Diagnostic] = []
        var lettings: [(day: Day, offer: OfferRow)] = [], lines: [CSVReader.Field] = []
        var adverts: [String: Int] = [:], households: [String: Int] = [:]
        for fields in records.dropFirst() where errors.count < Self.errorLimit {
            if fields.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == header.count else {
                errors.append(.error(.invalidValue, "expected \(header.count) fields, found \(fields.count)", at: at(fields[0])))
                continue
            }
            func field(_ name: String) -> CSVReader.Field { fields[index[name]!] }
            func text(_ name: String) -> String { field(name).text.trimmingCharacters(in: .whitespaces) }
            let before = errors.count
            if let nul = fields.first(where: { $0.text.utf8.contains(0) }) {
                errors.append(.error(.invalidValue, "a NUL character in a field", at: at(nul)))
                continue
            }
            let day = RecordOutcomesCommand.day(text("date"))
            if day == nil { errors.append(.error(.invalidDate, "date '\(text("date"))' is not a date (YYYY-MM-DD or DD-MM-YYYY)", at: at(field("date")))) }
            for name in ["advert", "household", "corporation"] where text(name).isEmpty {
                errors.append(.error(.missingField, "no \(name)", at: at(field(name))))
            }
            let municipality = text("municipality")
            if municipality.count != 4 || !municipality.allSatisfy({ $0.isASCII && $0.isNumber }) {
                errors.append(.error(.invalidMunicipality, "municipality '\(municipality)' is not a CBS code of four digits", at: at(field("municipality"))))
            }
            let persons = Int(text("persons"))
            if persons == nil || !(1...100).contains(persons!) {
                errors.append(.error(.invalidNumber, "persons '\(text("persons"))' is not a household size (1 to 100)", at: at(field("persons"))))
            }
            var flags: [Bool] = []
            for name in ["social", "above_daeb", "benefit_eligible", "passend_exception"] {
                if let flag = Self.flag(text(name)) { flags.append(flag) } else {
                    errors.append(.error(.invalidValue, "\(name) '\(text(name))' is not true or false", at: at(field(name))))
                }
            }
            let names = text("groups").split { $0 == ";" || $0 == "|" }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let groups, let unknown = names.first(where: { !groups.contains($0) }) {
                errors.append(.error(.unknownGroup, "group '\(unknown)' is not a group of the policy (\(groups.sorted().joined(separator: ", ")))", at: at(field("groups"))))
            }
            if let line = adverts[text("advert")] {
                errors.append(.error(.duplicateID, "advert \(text("advert")) is let on line \(line) already", at: at(field("advert"))))
            }
            if let line = households[text("household")] {
                errors.append(.error(.duplicateID, "household \(text("household")) is let a dwelling on line \(line) already: one home per household", at: at(field("household"))))
            }
            guard errors.count == before, let day, let persons else { continue }
            adverts[text("advert")] = fields[0].line
            households[text("household")] = fields[0].line
            let record = LettingRecord(municipality: municipality, corporation: text("corporation"), groups: Set(names), persons: persons,
                                       social: flags[0], aboveDaebLimit: flags[1], benefitEligible: flags[2], passendException: flags[3])
            lettings.append((day, OfferRow(advert: text("advert"), household: text("household"), position: nil, reservedFor: nil, letting: record)))
            lines.append(fields[0])
        }
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
                throw CommandFailure(errors.sorted { ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0) }
                                     + (errors.count >= Self.errorLimit ? [.error(.tooManyErrors, "stopped listing after \(errors.count) errors; nothing was imported", at: SourceLocation(file: file, line: 0, column: 0))] : []))
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

    /// A yes/no cell as spreadsheets and people write it.
    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "ja", "yes", "waar": return true
        case "false", "0", "nee", "no", "onwaar": return false
        default: return nil
        }
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// A file of lettings made before Thuis, for `thuis ledger import-lettings`: CSV with the
/// columns `date, advert, household, municipality, corporation, groups, persons, social,
/// above_daeb, benefit_eligible, passend_exception` in any order (`advert_id`, `household_id`
/// too), comma or semicolon, dates `YYYY-MM-DD` or `DD-MM-YYYY`, groups separated by `;` or
/// `|`, flags `true`/`false`, `1`/`0`, `ja`/`nee`. Reading it needs no ledger.
public enum LettingsFile {
    public static let columns = ["date", "advert", "household", "municipality", "corporation", "groups", "persons", "social",
                          "above_daeb", "benefit_eligible", "passend_exception"]
    /// Past this many errors the rest of the file is not checked.
    public static let errorLimit = 100

    /// The lettings, the first field of each (to locate what the ledger says of it), and every
    /// problem of the file, located (at most ``errorLimit``); `groups`, when given, are the
    /// group names the policy knows. Throws for a file that is not CSV or lacks a column.
    public static func parse(_ bytes: [UInt8], file: String, groups: Set<String>?) throws
        -> (lettings: [(day: Day, offer: OfferRow)], lines: [CSVReader.Field], errors: [Diagnostic]) {
        func at(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }
        let records = try CSVReader.records(bytes, file: file, separator: CSVReader.separator(ofHeader: bytes))
        guard let header = records.first else {
            throw CommandFailure(.missingField, "the file is empty: the first line names the columns \(columns.joined(separator: ","))",
                                 at: SourceLocation(file: file, line: 1, column: 1))
        }
        // Columns by name, in any order; advert_id and household_id as allocations.csv names them.
        var index: [String: Int] = [:]
        for (i, field) in header.enumerated() {
            var name = field.text.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "advert_id" || name == "household_id" { name = String(name.dropLast(3)) }
            index[name] = i
        }
        let missing = columns.filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw CommandFailure(.missingField, "the first line lacks \(missing.joined(separator: ", ")): it names the columns \(columns.joined(separator: ","))",
                                 at: SourceLocation(file: file, line: header[0].line, column: 1))
        }
        var errors: [Diagnostic] = []
        var lettings: [(day: Day, offer: OfferRow)] = [], lines: [CSVReader.Field] = []
        var adverts: [String: Int] = [:], households: [String: Int] = [:]
        for fields in records.dropFirst() where errors.count < errorLimit {
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
            let day = OutcomesFile.day(text("date"))
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
                if let flag = flag(text(name)) { flags.append(flag) } else {
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
        return (lettings, lines, errors)
    }

    /// A yes/no cell as spreadsheets and people write it.
    public static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "ja", "yes", "waar": return true
        case "false", "0", "nee", "no", "onwaar": return false
        default: return nil
        }
    }
}

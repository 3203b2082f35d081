import ThuisCore

/// A CSV file of counts per municipality and year whose columns are found by name, as the
/// monitor's stock and programme files are: the header names the columns, in any order, and
/// other columns are left alone. Comma- or semicolon-separated (CBS's downloads and Dutch
/// spreadsheets use the semicolon), as the header shows.
///
/// Collects every problem, located at its field, up to ``errorLimit``.
struct CountTable {
    static let errorLimit = 100
    /// No municipality has more; a count beyond it is a typing error, and sums stay far from overflow.
    static let maximumCount = 100_000_000

    let file: String
    let records: [[CSVReader.Field]]
    /// Column index by the names it was found under.
    private var columns: [String: Int] = [:]
    private(set) var problems: [Diagnostic] = []

    /// A row's fields.
    struct Row {
        let fields: [CSVReader.Field]
        var line: Int { fields[0].line }
    }

    init(_ bytes: [UInt8], file: String) throws {
        self.file = file
        records = try CSVReader.records(bytes, file: file, separator: CSVReader.separator(ofHeader: bytes))
        guard let header = records.first else {
            throw Diagnostic.error(.missingField, "the file is empty: the first line names the columns", at: SourceLocation(file: file, line: 1, column: 1))
        }
        for (i, field) in header.enumerated() {
            let name = field.text.trimmingSpaces.lowercased()
            if columns[name] != nil {
                throw Diagnostic.error(.repeatedField, "column \"\(field.text)\" is named twice", at: location(field))
            }
            columns[name] = i
        }
    }

    var rows: [Row] { records.dropFirst().map(Row.init) }

    func location(_ field: CSVReader.Field) -> SourceLocation { SourceLocation(file: file, line: field.line, column: field.column) }

    /// The index of the first of `names` the header has; nil when it has none.
    func column(_ names: [String]) -> Int? { names.lazy.compactMap { columns[$0.lowercased()] }.first }

    /// The index of a column the file must have, under one of `names`.
    func requiredColumn(_ names: [String], _ what: String) throws -> Int {
        guard let index = column(names) else {
            throw Diagnostic.error(.missingField, "no column for \(what): the header needs one of \(names.joined(separator: ", "))",
                                   at: SourceLocation(file: file, line: records[0][0].line, column: 1))
        }
        return index
    }

    mutating func fail(_ code: DiagnosticCode, _ message: String, at field: CSVReader.Field) {
        if problems.count < Self.errorLimit { problems.append(.error(code, message, at: location(field))) }
    }

    /// The field of `row` in column `index`; a row too short to have it is an error.
    mutating func field(_ row: Row, _ index: Int) -> CSVReader.Field? {
        guard index < row.fields.count else {
            fail(.missingField, "\(row.fields.count) field(s); the header has \(records[0].count)", at: row.fields[0])
            return nil
        }
        return row.fields[index]
    }

    /// A CBS municipality code, `0363` or `GM0363`; nil (after an error) for anything else.
    mutating func municipality(_ field: CSVReader.Field) -> String? {
        let text = field.text.trimmingSpaces
        let digits = text.hasPrefix("GM") ? String(text.dropFirst(2)) : text
        guard digits.utf8.count == 4, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            fail(.invalidMunicipality, "'\(field.text)' is not a CBS municipality code (four digits, e.g. 0363, or GM0363)", at: field)
            return nil
        }
        return digits
    }

    /// A year, `2026` or CBS's `2026JJ00`; a missing one is `MISSING_YEAR`.
    mutating func year(_ field: CSVReader.Field) -> Int? {
        let text = field.text.trimmingSpaces
        guard !text.isEmpty else {
            fail(.missingYear, "no year", at: field)
            return nil
        }
        let digits = text.hasSuffix("JJ00") ? String(text.dropLast(4)) : text
        guard digits.utf8.count == 4, let year = Int(digits), (2000...2100).contains(year) else {
            fail(.invalidValue, "'\(field.text)' is not a year from 2000 to 2100 (2026, or CBS's 2026JJ00)", at: field)
            return nil
        }
        return year
    }

    /// A count of dwellings or people: a whole number from 0 to ``maximumCount``.
    mutating func count(_ field: CSVReader.Field, _ what: String) -> Int? {
        let text = field.text.trimmingSpaces
        if text.hasPrefix("-"), Int(text) != nil {
            fail(.negativeCount, "\(what) is \(text): a count cannot be below zero", at: field)
            return nil
        }
        guard !text.isEmpty, text.utf8.count <= 10, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = Int(text) else {
            fail(.invalidNumber, "\(what) '\(field.text)' is not a whole number", at: field)
            return nil
        }
        guard n <= Self.maximumCount else {
            fail(.valueOutOfRange, "\(what) \(n) is more than \(Self.maximumCount)", at: field)
            return nil
        }
        return n
    }

    /// An error when `part` (social rental) is more than `whole`: a share above 100%.
    mutating func checkPart(_ part: Int, of whole: Int, at field: CSVReader.Field, _ what: String) -> Bool {
        guard part <= whole else {
            fail(.shareAboveTotal, "\(what) \(part) is more than the \(whole) dwellings in total (a share above 100%)", at: field)
            return false
        }
        return true
    }
}

/// The located errors of a stock or programme file, all of them up to the limit.
public struct CountFileProblems: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension String {
    /// Without leading and trailing spaces (CBS pads its codes: `GM0363  `).
    var trimmingSpaces: String {
        let bytes = utf8.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed()
        return String(decoding: Array(bytes), as: UTF8.self)
    }
}

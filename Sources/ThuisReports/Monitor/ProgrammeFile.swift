import ThuisCore

/// A regional building programme as CSV: `gemeente`, `jaar`, `woningen` (dwellings planned to be
/// completed in the year), `sociale_huur` (of which social rental), and optionally `plan` (a
/// project's name) when the programme lists projects: the rows of one municipality and year are
/// then added up. Comma- or semicolon-separated.
///
/// Every problem is located at its field: a code that is not a municipality's, a missing year, a
/// negative count, more social rental than planned, a municipality and year (and plan) given twice.
public struct ProgrammeFile: Sendable {
    /// One row's plan and where its municipality is.
    public struct Entry: Sendable {
        public var plan: BuildingPlan
        public var line: Int
        public var column: Int
    }

    public var file: String
    public var entries: [Entry]

    public static let columns = ["gemeente", "jaar", "woningen", "sociale_huur"]

    /// Reads `bytes`; throws the located errors (``CountFileProblems``).
    public init(_ bytes: [UInt8], file: String) throws {
        var table = try CountTable(bytes, file: file)
        let municipality = try table.requiredColumn(["gemeente"], "the municipality")
        let year = try table.requiredColumn(["jaar"], "the year")
        let planned = try table.requiredColumn(["woningen"], "the dwellings planned")
        let social = try table.requiredColumn(["sociale_huur"], "the social rental dwellings planned")
        let project = table.column(["plan"])
        self.file = file
        entries = []
        var seen: [String: Int] = [:]
        var sums: [String: Int] = [:]
        for row in table.rows {
            guard let codeField = table.field(row, municipality), let m = table.municipality(codeField),
                  let yearField = table.field(row, year), let y = table.year(yearField),
                  let plannedField = table.field(row, planned), let n = table.count(plannedField, "woningen"),
                  let socialField = table.field(row, social), let s = table.count(socialField, "sociale_huur"),
                  table.checkPart(s, of: n, at: socialField, "sociale_huur") else { continue }
            let name = project.flatMap { table.field(row, $0)?.text } ?? ""
            let key = "\(m) \(y) \(name)"
            if let earlier = seen[key] {
                table.fail(.duplicateID, "municipality \(m) in \(y)\(project == nil ? "" : " (plan '\(name)')") is on line \(earlier) already", at: codeField)
                continue
            }
            seen[key] = row.line
            // Plans add up per municipality and year: the sum is bounded as a single count is.
            sums["\(m) \(y)", default: 0] += n
            guard sums["\(m) \(y)"]! <= CountTable.maximumCount else {
                table.fail(.valueOutOfRange, "the plans of municipality \(m) in \(y) add up to more than \(CountTable.maximumCount) dwellings", at: plannedField)
                continue
            }
            entries.append(Entry(plan: BuildingPlan(municipality: m, year: y, planned: n, socialRental: s), line: row.line, column: codeField.column))
        }
        guard table.problems.isEmpty else { throw CountFileProblems(diagnostics: table.problems) }
    }
}

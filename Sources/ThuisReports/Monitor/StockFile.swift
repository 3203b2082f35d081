import ThuisCore

/// The dwelling stock per municipality and year, read from CSV in one of two layouts:
///
/// - CBS open data, table 82900NED "Voorraad woningen; eigendom, type verhuurder, bewoning,
///   regio", as its typed data set is exported (`;`-separated): `RegioS` (`GM0363`), `Perioden`
///   (`2026JJ00`), `TotaleWoningvoorraad_1`, `EigendomWoningcorporatie_4`; rows of other regions
///   (`NL01`, `PV27`, `CR23`...) are skipped, and so are rows of a single occupancy status where
///   the file has a `StatusVanBewoning` column (only its total, a key starting with `T` or the
///   label `Totaal`, is read).
/// - Thuis's own: `gemeente`, `jaar`, `woningen`, `sociale_huur`.
///
/// Either may add the inhabitants as `inwoners` (or CBS's `AantalInwoners_5`), and the
/// municipality's name as `naam` (or `gemeentenaam`), which the outputs show. Rows whose code is
/// a CBS wijk or buurt (`WK036300`, `BU03630000`, as CBS's region codes have them) are the
/// stock of that area, for the measures within municipalities (``AreaConcentration``); they do
/// not add to their municipality's row. Every problem is
/// located at its field: a code that is not a municipality's, a missing year, a negative count,
/// more social rental than dwellings, a municipality and year given twice.
public struct StockFile: Sendable {
    /// A municipality's stock and the line it is on.
    public struct Entry: Sendable {
        public var stock: MunicipalStock
        /// The municipality's name, when the file gives it.
        public var name: String?
        public var line: Int
        public var column: Int
    }

    /// A wijk's or buurt's stock: `stock.municipality` holds the area's CBS code.
    public struct AreaEntry: Sendable {
        public var kind: AreaKind
        public var municipality: String
        public var stock: MunicipalStock
        public var name: String?
        public var line: Int
    }

    public var file: String
    /// The municipalities' rows with figures, in file order.
    public var entries: [Entry]
    /// The wijken's and buurten's rows, in file order.
    public var areaEntries: [AreaEntry] = []
    /// Rows of a municipality whose counts CBS leaves empty (`.` or blank: a municipality that
    /// no longer exists, or a figure not yet known): where each is.
    public var withoutFigures: [String: [(year: Int, line: Int)]]
    /// Rows of other regions or of an occupancy status other than the total.
    public var skipped: Int

    public static let municipalityColumns = ["RegioS", "gemeente", "WijkenEnBuurten"]
    public static let yearColumns = ["Perioden", "jaar"]
    public static let dwellingColumns = ["TotaleWoningvoorraad_1", "woningen"]
    public static let socialColumns = ["EigendomWoningcorporatie_4", "sociale_huur"]
    public static let populationColumns = ["AantalInwoners_5", "inwoners"]
    public static let nameColumns = ["naam", "gemeentenaam"]

    /// Reads `bytes`; throws the located errors (``CountFileProblems``).
    public init(_ bytes: [UInt8], file: String) throws {
        var table = try CountTable(bytes, file: file)
        let municipality = try table.requiredColumn(Self.municipalityColumns, "the municipality")
        let year = try table.requiredColumn(Self.yearColumns, "the year")
        let dwellings = try table.requiredColumn(Self.dwellingColumns, "the dwellings in total")
        let social = try table.requiredColumn(Self.socialColumns, "the social rental dwellings")
        let population = table.column(Self.populationColumns)
        let status = table.column(["StatusVanBewoning"])
        let nameColumn = table.column(Self.nameColumns)
        let isCBSLayout = municipality == table.column(["RegioS"]) || municipality == table.column(["WijkenEnBuurten"])
        self.file = file
        entries = []
        withoutFigures = [:]
        skipped = 0
        var seen: [String: Int] = [:]
        for row in table.rows {
            guard let codeField = table.field(row, municipality) else { continue }
            // CBS's tables hold the country, its parts, provinces and COROP areas as well.
            let code = codeField.text.trimmingSpaces
            let area: AreaKind? = code.hasPrefix("WK") ? .district : code.hasPrefix("BU") ? .neighbourhood : nil
            if isCBSLayout, area == nil, !code.hasPrefix("GM"), code.utf8.count >= 2,
               code.utf8.prefix(2).allSatisfy({ (0x41...0x5A).contains($0) }) {
                skipped += 1
                continue
            }
            if let status, let field = table.field(row, status) {
                let value = field.text.trimmingSpaces
                if !(value == "Totaal" || value.hasPrefix("T")) {
                    skipped += 1
                    continue
                }
            }
            if let area, let refused = area.codeProblem(code) {
                table.fail(.invalidArea, "'\(code)' \(refused)", at: codeField)
                continue
            }
            guard let m = area != nil ? code : table.municipality(codeField), let yearField = table.field(row, year), let y = table.year(yearField),
                  let dwellingField = table.field(row, dwellings), let socialField = table.field(row, social) else { continue }
            let populationField = population.flatMap { table.field(row, $0) }
            let empty: (CSVReader.Field) -> Bool = { ["", "."].contains($0.text.trimmingSpaces) }
            if empty(dwellingField) && empty(socialField) && populationField.map(empty) ?? true {
                if area == nil { withoutFigures[m, default: []].append((y, row.line)) }
                continue
            }
            guard let total = table.count(dwellingField, "TotaleWoningvoorraad_1/woningen"),
                  let socialCount = table.count(socialField, "EigendomWoningcorporatie_4/sociale_huur"),
                  table.checkPart(socialCount, of: total, at: socialField, "social rental") else { continue }
            var inhabitants: Int?
            if let populationField {
                guard let n = table.count(populationField, "inhabitants") else { continue }
                inhabitants = n
            }
            if let earlier = seen["\(m) \(y)"] {
                table.fail(.duplicateID, "municipality \(m) in \(y) is on line \(earlier) already", at: codeField)
                continue
            }
            seen["\(m) \(y)"] = row.line
            let name = nameColumn.flatMap { table.field(row, $0)?.text.trimmingSpaces }.flatMap { $0.isEmpty ? nil : $0 }
            if let area {
                areaEntries.append(AreaEntry(kind: area, municipality: String(code.dropFirst(2).prefix(4)),
                                             stock: MunicipalStock(municipality: code, year: y, dwellings: total, socialRental: socialCount, population: inhabitants),
                                             name: name, line: row.line))
                continue
            }
            entries.append(Entry(stock: MunicipalStock(municipality: m, year: y, dwellings: total, socialRental: socialCount, population: inhabitants),
                                 name: name, line: row.line, column: codeField.column))
        }
        guard table.problems.isEmpty else { throw CountFileProblems(diagnostics: table.problems) }
    }

    /// The years the file has figures for.
    public var years: [Int] { Array(Set(entries.map(\.stock.year))).sorted() }
}

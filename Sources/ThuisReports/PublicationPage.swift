import ThuisCore

/// A plain, self-contained page of a publication.csv: what a corporation puts on its website so
/// that every house seeker can see how each dwelling was let, in Dutch (or English), with
/// municipality names and every code spelled out.
public enum PublicationPage {
    /// The page; throws a located ``Diagnostic`` when `csv` is not a publication.csv (the layout
    /// of a run without a ledger, or the ledger's, ``PublicationTable/ledgerHeader``). `names`
    /// gives municipality names by CBS code (``MunicipalityNames/known`` by default).
    public static func html(csv: [UInt8], file: String, title: String, language: PublicationWording.Language = .nl,
                            names: [String: String] = MunicipalityNames.known) throws -> String {
        var rows: [[String]] = []
        var width = 12
        try CSVReader.forEachRecord(csv, file: file) { record in
            let fields = record.map(\.text)
            if record[0].line == 1 {
                switch fields.joined(separator: ",") {
                case PublicationTable.header: width = 12
                case PublicationTable.ledgerHeader: width = 17
                default:
                    throw Diagnostic.error(.notAResult, "not a publication.csv: the header is not \(PublicationTable.header) (and, with a ledger, \(PublicationTable.ledgerColumns))",
                                           at: SourceLocation(file: file, line: 1, column: 1))
                }
                return
            }
            guard fields.count == width else {
                throw Diagnostic.error(.notAResult, "\(fields.count) fields; publication.csv has \(width)", at: SourceLocation(file: file, line: record[0].line, column: 1))
            }
            // A run without a ledger: the lettings of the batch, no dwelling columns, no state.
            rows.append(width == 17 ? fields : fields + ["", "", "let", "", ""])
        }
        let words = PublicationWording(language)
        let numeric: Set<Int> = [6, 7, 9]
        var table = "<table>\n<tr>" + words.headers.enumerated().map { numeric.contains($0.offset) ? "<th class=n>\($0.element)</th>" : "<th>\($0.element)</th>" }.joined() + "</tr>\n"
        for f in rows {
            let municipality = names[f[2]].map { "\($0) (\(f[2]))" } ?? f[2]
            let priority = f[10].split(separator: ";").map { words.priority(String($0)) }.joined(separator: ", ")
            let cells = [f[0], f[1], municipality, f[3], words.dwelling(rooms: f[12], targetGroup: f[13]), words.model(f[4]), f[5], f[6],
                         words.basis(f[7]), f[8], Int(f[9]).map(words.registration) ?? f[9], priority, f[11], words.state(f[14], on: f[15])]
            table += "<tr>" + cells.enumerated().map { numeric.contains($0.offset) ? "<td class=n>\(escape($0.element))</td>" : "<td>\(escape($0.element))</td>" }.joined() + "</tr>\n"
        }
        table += "</table>\n"
        let offered = rows.filter { $0[14] == "offered" }.count
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\(PageMark.meta)<title>\(escape(title))</title>
            <style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}th,td{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}.n{text-align:right}</style>
            </head><body>
            <h1>\(escape(title))</h1>
            <p>\(escape(words.introduction(lettings: rows.count - offered, offered: offered)))</p>
            \(table)</body></html>

            """
    }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}

import ThuisCore

/// A plain, self-contained page of a night's publication.csv: what a corporation puts on its
/// website so that every house seeker can see how each dwelling was let.
public enum PublicationPage {
    /// The page; throws a located ``Diagnostic`` when `csv` is not a publication.csv.
    public static func html(csv: [UInt8], file: String, title: String) throws -> String {
        var rows: [[String]] = []
        try CSVReader.forEachRecord(csv, file: file) { record in
            let fields = record.map(\.text)
            if record[0].line == 1 {
                guard fields.joined(separator: ",") == PublicationTable.header else {
                    throw Diagnostic.error(.notAResult, "not a publication.csv: the header is not \(PublicationTable.header)",
                                           at: SourceLocation(file: file, line: 1, column: 1))
                }
                return
            }
            guard fields.count == 12 else {
                throw Diagnostic.error(.notAResult, "\(fields.count) fields; publication.csv has 12", at: SourceLocation(file: file, line: record[0].line, column: 1))
            }
            rows.append(fields)
        }
        let models = ["AAN": "offer model", "LOT": "lottery", "OPT": "option model", "DIS": "direct allocation", "EER": "first come, first served"]
        let basis = ["registration": "registration time", "points": "points", "lottery": "lottery", "first_come": "first to react",
                     "priority": "priority (urgency)", "direct": "named by the landlord", "ranking": "ranking"]
        var table = "<table>\n<tr><th>Advert</th><th>Published</th><th>Municipality</th><th>Landlord</th><th>Model</th>"
            + "<th class=n>Reactions</th><th class=n>Eligible</th><th>Let by</th><th class=n>Place</th><th>Registration time</th>"
            + "<th>Priority</th><th>Reserved for</th></tr>\n"
        for f in rows {
            let months = Int(f[9]).map { "\($0 / 12) yr \($0 % 12) mo" } ?? escape(f[9])
            let cells = [escape(f[0]), escape(f[1]), escape(f[2]), escape(f[3]), escape(models[f[4]] ?? f[4]), escape(f[5]), escape(f[6]),
                         escape(basis[f[7]] ?? f[7]), escape(f[8]), months, escape(f[10]), escape(f[11])]
            let numeric: Set<Int> = [5, 6, 8]
            table += "<tr>" + cells.enumerated().map { numeric.contains($0.offset) ? "<td class=n>\($0.element)</td>" : "<td>\($0.element)</td>" }.joined() + "</tr>\n"
        }
        table += "</table>\n"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse}th,td{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}.n{text-align:right}</style>
            </head><body>
            <h1>\(escape(title))</h1>
            <p>\(rows.count) dwelling(s) let. For each: how many households reacted and how many were eligible, what decided the letting, the place of the household that got it on the candidate list, and its registration time or priority category. No household is named.</p>
            \(table)</body></html>

            """
    }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}

import Foundation

/// One self-contained HTML page for a comparison: inline SVG charts, no scripts, no fonts or
/// files from elsewhere, so it works offline and can be mailed.
public enum ComparisonPage {
    public static func html(_ report: ComparisonReport, title: String) -> String {
        let a = report.scenarios[0], b = report.scenarios[1]
        var body = "<h1>\(escape(title))</h1>\n"
        body += "<p>A: <b>\(escape(a))</b> &nbsp; B: <b>\(escape(b))</b> &nbsp; seeds: \(report.seeds.count)"
        body += report.seeds.count > 1
            ? " (means over the \(report.seeds.count) lottery seeds with 95% Student-t intervals, n = \(report.seeds.count); only the lottery varies: one market)"
            : " (one run: no interval)"
        body += "</p>\n<h2>Lettings per group</h2>\n" + bars(report) + "\n<h2>Who took whose lettings</h2>\n"
        body += "<p>Adverts let to a group under A (rows) and under B (columns).</p>\n" + heatmap(report)
        body += "\n<h2>Key numbers</h2>\n" + table(report)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1100px; }
            table { border-collapse: collapse; font-size: 14px; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .a { fill: #4477aa; } .b { fill: #ee7733; } text { font-size: 12px; }
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    static func bars(_ report: ComparisonReport) -> String {
        let names = groupNames(report)
        let rows = names.compactMap { name -> (String, ComparisonReport.GroupRow, ComparisonReport.GroupRow)? in
            guard let ra = report.groups.first(where: { $0.scenario == report.scenarios[0] && $0.group == name }),
                  let rb = report.groups.last(where: { $0.scenario == report.scenarios[1] && $0.group == name }),
                  ra.lettings.high > 0 || rb.lettings.high > 0 else { return nil }
            return (name, ra, rb)
        }
        let maximum = max(1, rows.map { max($0.1.lettings.high, $0.2.lettings.high) }.max() ?? 1)
        let width = 900.0, left = 150.0, rowHeight = 34.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(Double(rows.count) * rowHeight + 40))\">\n"
        for (i, row) in rows.enumerated() {
            let y = Double(i) * rowHeight + 10
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(escape(row.0))</text>\n"
            for (k, (r, cls)) in [(row.1, "a"), (row.2, "b")].enumerated() {
                let scale = (width - left - 80) / maximum
                let barY = y + Double(k) * 13
                svg += "<rect class=\"\(cls)\" x=\"\(left)\" y=\"\(barY)\" width=\"\(String(format: "%.1f", r.lettings.mean * scale))\" height=\"12\"/>\n"
                if r.lettings.high > r.lettings.low {
                    svg += "<line x1=\"\(left + r.lettings.low * scale)\" x2=\"\(left + r.lettings.high * scale)\" y1=\"\(barY + 6)\" y2=\"\(barY + 6)\" stroke=\"#000\"/>\n"
                }
                svg += "<text x=\"\(left + r.lettings.high * scale + 4)\" y=\"\(barY + 10)\">\(display(r.lettings.mean))</text>\n"
            }
        }
        let legendY = Double(rows.count) * rowHeight + 28
        svg += "<rect class=\"a\" x=\"\(left)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\"/><text x=\"\(left + 16)\" y=\"\(legendY)\">A</text>\n"
        svg += "<rect class=\"b\" x=\"\(left + 50)\" y=\"\(legendY - 10)\" width=\"12\" height=\"12\"/><text x=\"\(left + 66)\" y=\"\(legendY)\">B</text>\n"
        return svg + "</svg>"
    }

    static func heatmap(_ report: ComparisonReport) -> String {
        let labels = report.primaryGroups + ["not let"]
        let used = labels.indices.filter { i in report.displacement[i].contains { $0 > 0 } || report.displacement.contains { $0[i] > 0 } }
        let maximum = max(1, report.displacement.flatMap { $0 }.max() ?? 1)
        let cell = 44.0, left = 90.0, top = 30.0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(left + cell * Double(used.count) + 20))\" height=\"\(Int(top + cell * Double(used.count) + 20))\">\n"
        for (x, j) in used.enumerated() {
            svg += "<text x=\"\(left + Double(x) * cell + cell / 2)\" y=\"\(top - 8)\" text-anchor=\"middle\">\(escape(labels[j]))</text>\n"
        }
        for (y, i) in used.enumerated() {
            svg += "<text x=\"\(left - 6)\" y=\"\(top + Double(y) * cell + cell / 2 + 4)\" text-anchor=\"end\">\(escape(labels[i]))</text>\n"
            for (x, j) in used.enumerated() {
                let value = report.displacement[i][j]
                let shade = Int(255 - (value / maximum) * 200)
                svg += "<rect x=\"\(left + Double(x) * cell)\" y=\"\(top + Double(y) * cell)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"rgb(\(shade),\(shade),255)\"/>\n"
                if value > 0 {
                    let ink = shade < 130 ? "#fff" : "#000"
                    svg += "<text x=\"\(left + Double(x) * cell + cell / 2)\" y=\"\(top + Double(y) * cell + cell / 2 + 4)\" text-anchor=\"middle\" fill=\"\(ink)\">\(display(value))</text>\n"
                }
            }
        }
        return svg + "</svg>"
    }

    static func table(_ report: ComparisonReport) -> String {
        func percent(_ e: ComparisonReport.Estimate) -> String { String(format: "%.1f%%", e.mean * 100) }
        var html = "<table><tr><th>group</th><th>seekers</th><th>share A</th><th>share B</th><th>success A</th><th>success B</th></tr>\n"
        for name in groupNames(report) {
            guard let ra = report.groups.first(where: { $0.scenario == report.scenarios[0] && $0.group == name }),
                  let rb = report.groups.last(where: { $0.scenario == report.scenarios[1] && $0.group == name }), ra.seekers > 0 else { continue }
            html += "<tr><td>\(escape(name))</td><td>\(ra.seekers)</td><td>\(percent(ra.share))</td><td>\(percent(rb.share))</td><td>\(percent(ra.successRate))</td><td>\(percent(rb.successRate))</td></tr>\n"
        }
        html += "</table>\n<p>Households better off, worse off or unchanged under B, by their own preferences:</p>\n"
        html += "<table><tr><th>group</th><th>better</th><th>worse</th><th>unchanged</th></tr>\n"
        for (g, name) in report.primaryGroups.enumerated() where report.better[g] + report.worse[g] + report.unchanged[g] > 0 {
            html += "<tr><td>\(escape(name))</td><td>\(display(report.better[g]))</td><td>\(display(report.worse[g]))</td><td>\(display(report.unchanged[g]))</td></tr>\n"
        }
        return html + "</table>"
    }

    /// The groups in report order, each once.
    static func groupNames(_ report: ComparisonReport) -> [String] {
        var seen = Set<String>()
        return report.groups.map(\.group).filter { seen.insert($0).inserted }
    }

    /// A figure for people: whole numbers as such, others with one decimal.
    static func display(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

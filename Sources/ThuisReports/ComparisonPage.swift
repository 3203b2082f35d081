import Foundation

/// One self-contained HTML page for a comparison: inline SVG charts, no scripts, no fonts or
/// files from elsewhere, so it works offline and can be mailed.
public enum ComparisonPage {
    public static func html(_ report: ComparisonReport, title: String) -> String {
        let a = report.scenarios[0], b = report.scenarios[1]
        var body = "<h1>\(escape(title))</h1>\n"
        body += "<p>A: <b>\(escape(a))</b> &nbsp; B: <b>\(escape(b))</b>. " + replication(report) + "</p>\n"
        body += definitions(report)
        body += "<h2>What B changes: B − A, paired</h2>\n<p>Each difference is taken on the same market and lottery seed, then averaged; its interval is that of the paired differences, narrower than the two separate intervals suggest.</p>\n"
            + differenceTable(report)
        body += "\n<h2>Per municipality: success rate, B − A</h2>\n<p>Seekers counted where they live, housed wherever they were housed; points at the mean difference in percentage points, lines its 95% interval, each group on a scale of its own; grey where fewer than 30 households of the group reacted.</p>\n"
            + smallMultiples(report)
        body += "\n" + municipalityTable(report)
        body += "<h2>Success rate per group: housed, of the households that reacted</h2>\n"
            + bars(report, value: \.successRate, percent: true, axis: "success rate")
        body += "\n<h2>Net change in lettings per group, B against A</h2>\n<p>Lettings gained (right) or lost (left) by each group when B replaces A.</p>\n"
            + netChange(report)
        body += "\n<h2>Lettings per group</h2>\n" + bars(report, value: \.lettings, percent: false, axis: "lettings (adverts let to the group)")
        body += "\n<h2>Who took whose lettings</h2>\n"
        body += "<p>Adverts let to a group under A (rows) and under B (columns), means over the replications. The diagonal (same group under both, grey) is left out of the colour scale, so the moves between groups show.</p>\n" + heatmap(report)
        body += "\n<h2>Key numbers</h2>\n" + table(report)
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(PageMark.meta)<title>\(escape(title))</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1280px; } svg { max-width: 100%; height: auto; }
            table { border-collapse: collapse; font-size: 14px; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .a { fill: #4477aa; } .b { fill: #ee7733; } text { font-size: 12px; }
            </style></head><body>
            \(body)
            </body></html>

            """
    }

    /// What the intervals are over, in words, with n.
    static func replication(_ report: ComparisonReport) -> String {
        let n = report.markets > 1 ? report.markets : report.seeds.count
        if n < 2 { return "One run: no interval." }
        if report.markets > 1 {
            return "Means over \(report.markets) generated markets (each the mean of \(report.seeds.count) lottery seed(s)), with 95% Student-t intervals over the markets (n = \(report.markets)): they cover what changes from one market to another as well as the lottery."
        }
        return "Means over \(report.seeds.count) lottery seeds with 95% Student-t intervals (n = \(report.seeds.count)). Only the lottery varies: one market."
    }

    /// Pairs of horizontal bars (A, B) per group from zero, with intervals and the value.
    static func bars(_ report: ComparisonReport, value: KeyPath<ComparisonReport.GroupRow, ComparisonReport.Estimate>, percent: Bool, axis: String) -> String {
        let rows = pairs(report).filter { $0.1[keyPath: value].high > 0 || $0.2[keyPath: value].high > 0 }
        let maximum = max(percent ? 0.01 : 1, (rows.map { max($0.1[keyPath: value].high, $0.2[keyPath: value].high) }.max() ?? 1) * 1.1)
        let width = 900.0, left = 150.0, rowHeight = 34.0, plot = width - left - 90
        let scale = plot / maximum
        let height = Double(rows.count) * rowHeight + 70
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        let step = niceStep(maximum)
        var tick = 0.0
        while tick <= maximum + 1e-9 {
            let x = left + tick * scale
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"4\" y2=\"\(Double(rows.count) * rowHeight + 8)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(x)\" y=\"\(Double(rows.count) * rowHeight + 22)\" text-anchor=\"middle\">\(percent ? String(format: "%g%%", (tick * 1000).rounded() / 10) : display(tick))</text>\n"
            tick += step
        }
        for (i, row) in rows.enumerated() {
            let y = Double(i) * rowHeight + 8
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(escape(row.0))</text>\n"
            for (k, (r, cls)) in [(row.1, "a"), (row.2, "b")].enumerated() {
                let e = r[keyPath: value]
                let barY = y + Double(k) * 13
                svg += "<rect class=\"\(cls)\" x=\"\(left)\" y=\"\(barY)\" width=\"\(String(format: "%.1f", e.mean * scale))\" height=\"12\"/>\n"
                if e.high > e.low {
                    svg += "<line x1=\"\(left + e.low * scale)\" x2=\"\(left + e.high * scale)\" y1=\"\(barY + 6)\" y2=\"\(barY + 6)\" stroke=\"#000\"/>\n"
                }
                svg += "<text x=\"\(left + e.high * scale + 4)\" y=\"\(barY + 10)\">\(percent ? String(format: "%.1f%%", e.mean * 100) : display(e.mean))</text>\n"
            }
        }
        let legendY = Double(rows.count) * rowHeight + 40
        svg += "<text x=\"\(left + plot / 2)\" y=\"\(legendY)\" text-anchor=\"middle\">\(escape(axis))</text>\n"
        svg += "<rect class=\"a\" x=\"\(left)\" y=\"\(legendY + 10)\" width=\"12\" height=\"12\"/><text x=\"\(left + 16)\" y=\"\(legendY + 20)\">A: \(escape(report.scenarios[0]))</text>\n"
        svg += "<rect class=\"b\" x=\"\(left + plot / 2)\" y=\"\(legendY + 10)\" width=\"12\" height=\"12\"/><text x=\"\(left + plot / 2 + 16)\" y=\"\(legendY + 20)\">B: \(escape(report.scenarios[1]))</text>\n"
        return svg + "</svg>"
    }

    static let gain = "#228833", loss = "#aa3377"

    /// Lettings B minus A per group, as bars either side of zero (gain green, loss purple).
    static func netChange(_ report: ComparisonReport) -> String {
        let rows = pairs(report).map { ($0.0, $0.2.lettings.mean - $0.1.lettings.mean) }.filter { $0.1 != 0 }
        let largest = max(1, rows.map { abs($0.1) }.max() ?? 1)
        let width = 900.0, left = 150.0, rowHeight = 22.0, half = (width - left - 80) / 2
        let zero = left + half, scale = (half - 50) / largest   // room for the value beside the longest bar
        let height = Double(rows.count) * rowHeight + 24
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        svg += "<line x1=\"\(zero)\" x2=\"\(zero)\" y1=\"0\" y2=\"\(Double(rows.count) * rowHeight + 4)\" stroke=\"#444\"/>\n"
        for (i, (name, change)) in rows.enumerated() {
            let y = Double(i) * rowHeight + 4
            let x = change >= 0 ? zero : zero + change * scale
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 13)\" text-anchor=\"end\">\(escape(name))</text>"
            // Gain and loss in colours of their own: blue and orange are A and B elsewhere on the page.
            svg += "<rect x=\"\(x)\" y=\"\(y + 2)\" width=\"\(abs(change) * scale)\" height=\"14\" fill=\"\(change >= 0 ? Self.gain : Self.loss)\"/>"
            let label = (change >= 0 ? "+" : "") + display(change)
            svg += change >= 0 ? "<text x=\"\(zero + change * scale + 4)\" y=\"\(y + 13)\">\(label)</text>\n"
                : "<text x=\"\(zero + change * scale - 4)\" y=\"\(y + 13)\" text-anchor=\"end\">\(label)</text>\n"
        }
        return svg + "</svg>"
    }

    /// A, B rows per group, in report order.
    static func pairs(_ report: ComparisonReport) -> [(String, ComparisonReport.GroupRow, ComparisonReport.GroupRow)] {
        groupNames(report).compactMap { name in
            guard let ra = report.regionRow(report.scenarios[0], name), let rb = report.regionRow(report.scenarios[1], name) else { return nil }
            return (name, ra, rb)
        }
    }

    /// A round step giving at most eight ticks up to `maximum`.
    static func niceStep(_ maximum: Double) -> Double {
        let raw = maximum / 8
        let power = pow(10, (log10(raw)).rounded(.down))
        return [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    }

    static func heatmap(_ report: ComparisonReport) -> String {
        let labels = report.primaryGroups + ["not let"]
        let usedRows = labels.indices.filter { i in report.displacement[i].contains { $0 > 0 } }
        let usedColumns = labels.indices.filter { j in report.displacement.contains { $0[j] > 0 } }
        let offDiagonal = labels.indices.flatMap { i in labels.indices.filter { $0 != i }.map { report.displacement[i][$0] } }
        let maximum = max(1, offDiagonal.max() ?? 1)
        let cell = 44.0, left = 90.0, top = 30.0
        let w = Int(left + cell * Double(usedColumns.count) + 20), h = Int(top + cell * Double(usedRows.count) + 20)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\">\n"
        for (x, j) in usedColumns.enumerated() {
            svg += "<text x=\"\(left + Double(x) * cell + cell / 2)\" y=\"\(top - 8)\" text-anchor=\"middle\">\(escape(labels[j]))</text>\n"
        }
        for (y, i) in usedRows.enumerated() {
            svg += "<text x=\"\(left - 6)\" y=\"\(top + Double(y) * cell + cell / 2 + 4)\" text-anchor=\"end\">\(escape(labels[i]))</text>\n"
            for (x, j) in usedColumns.enumerated() {
                let value = report.displacement[i][j]
                let shade = i == j ? 235 : Int(255 - min(1, value / maximum) * 200)
                let fill = i == j ? "rgb(\(shade),\(shade),\(shade))" : "rgb(\(shade),\(shade),255)"
                svg += "<rect x=\"\(left + Double(x) * cell)\" y=\"\(top + Double(y) * cell)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill)\"/>\n"
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
        func years(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "–" }
        var html = "<table><tr><th>group</th><th>seekers</th><th>share A</th><th>share B</th><th>success A</th><th>success B</th>"
            + "<th>registration time of the housed, A (median years)</th><th>the same, B</th></tr>\n"
        for name in groupNames(report) {
            guard let ra = report.regionRow(report.scenarios[0], name), let rb = report.regionRow(report.scenarios[1], name), ra.seekers > 0 else { continue }
            html += "<tr><td>\(escape(name))</td><td>\(display(ra.seekers))</td><td>\(percent(ra.share))</td><td>\(percent(rb.share))</td><td>\(percent(ra.successRate))</td><td>\(percent(rb.successRate))</td>"
                + "<td>\(years(ra.medianRegistrationYears))</td><td>\(years(rb.medianRegistrationYears))</td></tr>\n"
        }
        html += "</table>\n<p>The registration time of the housed is not a waiting time: those not housed are not in it (a single batch shows no more; <code>thuis simulate</code> gives time to housing with those still waiting).</p>\n<p>Households better off, worse off or unchanged under B, by their own preferences:</p>\n"
        html += "<table><tr><th>group</th><th>better</th><th>worse</th><th>unchanged</th></tr>\n"
        for (g, name) in report.primaryGroups.enumerated() where report.better[g] + report.worse[g] + report.unchanged[g] > 0 {
            html += "<tr><td>\(escape(name))</td><td>\(display(report.better[g]))</td><td>\(display(report.worse[g]))</td><td>\(display(report.unchanged[g]))</td></tr>\n"
        }
        return html + "</table>"
    }

    /// Which definition of the groups both scenarios were counted with, and the names defined otherwise in a policy.
    static func definitions(_ report: ComparisonReport) -> String {
        guard !report.groupDefinitions.isEmpty else { return "" }
        let list = report.groupDefinitions.keys.sorted().map { "<b>\(escape($0))</b> (\(escape(report.groupDefinitions[$0]!.joined(separator: ", "))))" }
        return "<p>Groups as defined in \(escape(report.groupDefinitionSource)), for both scenarios: \(list.joined(separator: "; ")).</p>\n"
    }

    /// The groups the page shows first: the policy's groups, everyone with a priority, regular seekers.
    static func mainGroups(_ report: ComparisonReport) -> [String] {
        let names = groupNames(report)
        return names.filter { report.groupDefinitions[$0] != nil } + ["priority", "regular"].filter(names.contains)
    }

    /// B − A for the region with A, B and the difference's interval, per main group and measure.
    static func differenceTable(_ report: ComparisonReport) -> String {
        var html = "<table><tr><th>group</th><th>measure</th><th>A</th><th>B</th><th>B − A</th><th>95% interval of B − A</th></tr>\n"
        for group in mainGroups(report) {
            for (measure, label) in [("success_rate", "success rate"), ("share", "share of lettings"), ("lettings", "lettings")] {
                guard let d = report.difference(group, measure), d.a.replications > 0 else { continue }
                let points = measure != "lettings"
                func show(_ v: Double, signed: Bool = false) -> String {
                    (signed && v > 0 ? "+" : "") + (points ? String(format: "%.2f", v * 100) + (signed ? " pt" : "%") : String(format: "%.1f", v))
                }
                html += "<tr><td>\(escape(group))</td><td>\(label)</td><td>\(show(d.a.mean))</td><td>\(show(d.b.mean))</td>"
                    + "<td><b>\(show(d.difference.mean, signed: true))</b></td>"
                    + "<td>\(d.difference.replications > 1 ? show(d.difference.low, signed: true) + " to " + show(d.difference.high, signed: true) : "one replication")</td></tr>\n"
            }
        }
        return html + "</table>"
    }

    /// The municipalities with a figure for `group`, and the difference in its success rate there.
    static func municipalityDifferences(_ report: ComparisonReport, _ group: String) -> [(String, ComparisonReport.Difference, Double)] {
        Set(report.differences.map(\.municipality)).subtracting(["region"]).sorted().compactMap { m in
            guard let d = report.difference(group, "success_rate", in: m), d.a.replications > 0,
                  let row = report.groups.first(where: { $0.municipality == m && $0.group == group }) else { return nil }
            return (m, d, row.seekers)
        }
    }

    /// One panel per main group: a row per municipality with the mean difference in success rate
    /// and its interval. Each panel has its own scale, symmetric about zero: a group's changes can
    /// be ten times another's, and on a shared scale the smaller would not show.
    static func smallMultiples(_ report: ComparisonReport) -> String {
        let groups = mainGroups(report)
        let panels = groups.map { ($0, municipalityDifferences(report, $0)) }.filter { !$0.1.isEmpty }
        guard !panels.isEmpty else { return "" }
        let panelWidth = 300.0, left = 60.0, rowHeight = 16.0, gap = 20.0
        let rows = panels.map(\.1.count).max()!
        let width = Double(panels.count) * (left + panelWidth + gap), height = Double(rows) * rowHeight + 60
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        for (p, (group, rowsOfPanel)) in panels.enumerated() {
            let x0 = Double(p) * (left + panelWidth + gap) + left
            let extent = max(0.001, rowsOfPanel.flatMap { [abs($0.1.difference.low), abs($0.1.difference.high)] }.max() ?? 0.01) * 1.1
            func x(_ v: Double) -> Double { x0 + (v + extent) / (2 * extent) * panelWidth }
            svg += "<text x=\"\(x0 + panelWidth / 2)\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">\(escape(group))</text>\n"
            let bottom = 24 + Double(rows) * rowHeight
            svg += "<line x1=\"\(x(0))\" x2=\"\(x(0))\" y1=\"22\" y2=\"\(bottom)\" stroke=\"#444\"/>\n"
            for tick in [-extent / 1.1, 0, extent / 1.1] {
                svg += "<text x=\"\(x(tick))\" y=\"\(bottom + 14)\" text-anchor=\"middle\">\(String(format: tick == 0 ? "0" : "%+.2g", tick * 100))</text>\n"
            }
            svg += "<text x=\"\(x0 + panelWidth / 2)\" y=\"\(bottom + 30)\" text-anchor=\"middle\">percentage points</text>\n"
            for (i, (municipality, d, seekers)) in rowsOfPanel.enumerated() {
                let y = 24 + Double(i) * rowHeight + rowHeight / 2
                let ink = seekers < 30 ? "#aaa" : (d.difference.mean >= 0 ? Self.gain : Self.loss)
                svg += "<text x=\"\(x0 - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(escape(municipality))</text>"
                if d.difference.high > d.difference.low {
                    svg += "<line x1=\"\(x(d.difference.low))\" x2=\"\(x(d.difference.high))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(ink)\" stroke-width=\"2\"/>"
                }
                svg += "<circle cx=\"\(x(d.difference.mean))\" cy=\"\(y)\" r=\"3.5\" fill=\"\(ink)\"/>\n"
            }
        }
        return svg + "</svg>"
    }

    /// Per municipality and main group: seekers, success rate under A and B, and B − A with its interval.
    static func municipalityTable(_ report: ComparisonReport) -> String {
        let groups = mainGroups(report).filter { !municipalityDifferences(report, $0).isEmpty }
        guard !groups.isEmpty else { return "" }
        var html = "<table><tr><th rowspan=\"2\">municipality</th>" + groups.map { "<th colspan=\"3\">\(escape($0))</th>" }.joined() + "</tr>\n<tr>"
            + groups.map { _ in "<th>seekers</th><th>A → B</th><th>B − A (95%)</th>" }.joined() + "</tr>\n"
        let municipalities = Set(report.differences.map(\.municipality)).subtracting(["region"]).sorted()
        for m in municipalities {
            html += "<tr><td>\(escape(m))</td>"
            for group in groups {
                guard let d = report.difference(group, "success_rate", in: m), d.a.replications > 0,
                      let row = report.groups.first(where: { $0.municipality == m && $0.group == group }) else {
                    html += "<td></td><td></td><td></td>"
                    continue
                }
                let interval = d.difference.replications > 1 ? String(format: " (%+.2f to %+.2f)", d.difference.low * 100, d.difference.high * 100) : ""
                html += "<td>\(display(row.seekers))</td><td>" + String(format: "%.1f%% → %.1f%%", d.a.mean * 100, d.b.mean * 100)
                    + "</td><td>" + String(format: "%+.2f pt", d.difference.mean * 100) + interval + "</td>"
            }
            html += "</tr>\n"
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

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}

import Foundation
import ThuisCore
import ThuisResearch

/// A simulated year on one self-contained HTML page: waiting-time distributions per group and
/// the key numbers.
public enum SimulationPage {
    public static func html(_ result: SimulationResult, title: String) -> String {
        let shown = result.groups.filter { $0.housed > 0 && $0.group != "all" }
        var charts = ""
        // Small multiples on one scale: the share of each group's housed households per year
        // waited, so groups of any size compare, with the axis labelled.
        let shares = shown.map { g in g.waitingHistogram.map { Double($0) / Double(max(1, g.housed)) } }
        let maximum = max(0.05, shares.flatMap { $0 }.max() ?? 0.05)
        let top = ([0.1, 0.2, 0.25, 0.5, 0.75, 1.0].first { $0 >= maximum } ?? 1.0)
        for (g, share) in zip(shown, shares) {
            var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"440\" height=\"140\" viewBox=\"0 0 440 140\">\n"
            for tick in [0, top / 2, top] {
                let y = 100 - tick / top * 90
                svg += "<line x1=\"40\" x2=\"428\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#eee\"/><text x=\"36\" y=\"\(y + 4)\" text-anchor=\"end\">\(String(format: "%g%%", tick * 100))</text>\n"
            }
            for (year, value) in share.enumerated() {
                let h = value / top * 90
                svg += "<rect x=\"\(42 + year * 24)\" y=\"\(100 - h)\" width=\"20\" height=\"\(h)\" fill=\"#4477aa\"/>\n"
                if year % 3 == 0 { svg += "<text x=\"\(52 + year * 24)\" y=\"116\" text-anchor=\"middle\">\(year)\(year == 15 ? "+" : "")</text>\n" }
            }
            svg += "<text x=\"234\" y=\"132\" text-anchor=\"middle\">years of registration at letting (share of the group's housed)</text></svg>"
            charts += "<div class=\"chart\"><h3>\(HTMLText.escape(g.group)): \(g.housed) housed</h3>\(svg)</div>\n"
        }
        var table = "<table><tr><th>group</th><th>households</th><th>housed</th><th>success</th><th>share of lettings</th><th>median wait (years)</th><th>median search (years)</th><th>left</th><th>refused offers</th></tr>\n"
        for g in result.groups {
            table += "<tr><td>\(HTMLText.escape(g.group))</td><td>\(g.households)</td><td>\(g.housed)</td><td>\(String(format: "%.1f%%", g.successRate * 100))</td>"
                + "<td>\(String(format: "%.1f%%", g.share * 100))</td><td>\(g.waitingYears.count == 5 ? String(format: "%.1f", g.waitingYears[2]) : "-")</td>"
                + "<td>\(g.searchYears.count == 5 ? String(format: "%.2f", g.searchYears[2]) : "-")</td><td>\(g.left)</td><td>\(g.refusedOffers)</td></tr>\n"
        }
        table += "</table>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(PageMark.meta)<title>\(HTMLText.escape(title))</title>
            <style>body { font-family: sans-serif; margin: 2em; color: #222; } text { font-size: 11px; }
            .chart { display: inline-block; margin: 0 1em 1em 0; } svg { max-width: 100%; height: auto; } h3 { font-size: 15px; margin: 0; }
            table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            td:first-child, th:first-child { text-align: left; }</style></head><body>
            <h1>\(HTMLText.escape(title))</h1>
            <p>\(result.days) days, \(result.lettings) lettings, \(result.refusals) refused offers.</p>
            <h2>Key numbers</h2>
            \(table)
            <h2>Waiting time at letting, per group</h2>
            \(charts)
            </body></html>

            """
    }
}

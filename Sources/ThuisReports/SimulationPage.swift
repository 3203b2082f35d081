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
            <h2>Time to housing from registration</h2>
            <p>Kaplan-Meier: the share of a group housed after so many years on the list, counting those who left or still wait (censored) and those already waiting when the simulation began (entering late). Quantiles with 95% log-log intervals; the restricted mean is the mean time not housed within the horizon.</p>
            \(survivalChart(result))
            \(survivalTable(result))
            \(municipalityTable(result))
            <h2>Key numbers</h2>
            \(table)
            <h2>Waiting time at letting, per group</h2>
            \(charts)
            </body></html>

            """
    }

    static let colours = ["#4477aa", "#ee7733", "#228833", "#aa3377", "#66ccee", "#ccbb44"]

    /// The groups whose curves the page draws: the policy's groups, `priority`, `regular`.
    static func curveGroups(_ result: SimulationResult) -> [String] {
        let categories = Set(PriorityCategory.allCases.map(\.rawValue))
        return result.groups.map(\.group).filter { !categories.contains($0) && $0 != "all" }
    }

    /// Share housed (1 − S) against years since registration, one step line per group.
    static func survivalChart(_ result: SimulationResult) -> String {
        let groups = curveGroups(result)
        let last = result.curves.map(\.days).max() ?? 0
        guard last > 0, !groups.isEmpty else { return "" }
        let width = 760.0, height = 380.0, left = 60.0, right = 170.0, top = 16.0, bottom = 46.0
        let years = max(1, (Double(last) / 365.25).rounded(.up))
        func px(_ days: Int) -> Double { left + Double(days) / 365.25 / years * (width - left - right) }
        func py(_ housed: Double) -> Double { height - bottom - housed * (height - top - bottom) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(py(tick))\" y2=\"\(py(tick))\" stroke=\"#eee\"/><text x=\"\(left - 6)\" y=\"\(py(tick) + 4)\" text-anchor=\"end\">\(Int(tick * 100))%</text>\n"
        }
        let step = years > 10 ? 2 : 1
        for year in stride(from: 0, through: Int(years), by: step) {
            svg += "<text x=\"\(px(Int(Double(year) * 365.25)))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(year)</text>\n"
        }
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">years since registration</text>\n"
        svg += "<text x=\"14\" y=\"\((top + height - bottom) / 2)\" transform=\"rotate(-90 14 \((top + height - bottom) / 2))\" text-anchor=\"middle\">share housed</text>\n"
        for (i, group) in groups.enumerated() {
            let points = result.curves.filter { $0.group == group }
            guard !points.isEmpty else { continue }
            var path = "\(px(0)),\(py(0))", level = 0.0
            for p in points {
                path += " \(px(p.days)),\(py(level)) \(px(p.days)),\(py(1 - p.survival))"
                level = 1 - p.survival
            }
            let colour = colours[i % colours.count], y = top + 12 + Double(i) * 20
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            svg += "<line x1=\"\(width - right + 12)\" x2=\"\(width - right + 34)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(colour)\" stroke-width=\"2\"/><text x=\"\(width - right + 38)\" y=\"\(y + 4)\">\(HTMLText.escape(group))</text>\n"
        }
        return svg + "</svg>"
    }

    /// The region's quantiles and restricted mean per group, in years.
    static func survivalTable(_ result: SimulationResult) -> String {
        func years(_ q: [Int?]) -> String {
            guard let t = q[0] else { return "not reached" }
            func y(_ d: Int?) -> String { d.map { String(format: "%.1f", Double($0) / 365.25) } ?? "–" }
            return y(t) + " (" + y(q[1]) + "–" + y(q[2]) + ")"
        }
        let horizon = result.timeToHousing.first?.horizon ?? SimulationResult.defaultHorizon
        var html = "<table><tr><th>group</th><th>housed / households</th><th>25% housed by (years)</th><th>half housed by</th><th>75% housed by</th>"
            + "<th>mean years not housed in the first \(String(format: "%g", (Double(horizon) / 365.25 * 10).rounded() / 10))</th></tr>\n"
        for t in result.timeToHousing where t.municipality == "region" {
            html += "<tr><td>\(HTMLText.escape(t.group))</td><td>\(t.housed) / \(t.households)</td><td>\(years(t.p25))</td><td>\(years(t.median))</td><td>\(years(t.p75))</td>"
                + "<td>\(t.restrictedMean.map { String(format: "%.2f", $0 / 365.25) } ?? "–")</td></tr>\n"
        }
        return html + "</table>"
    }

    /// Per municipality of residence and main group: success rate and the median time to housing.
    static func municipalityTable(_ result: SimulationResult) -> String {
        let groups = curveGroups(result)
        guard !result.municipalities.isEmpty, !groups.isEmpty else { return "" }
        var html = "<h3>Per municipality of residence: success rate, and years by which half were housed</h3>\n<table><tr><th>municipality</th>"
            + groups.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>\n"
        for area in result.municipalities {
            html += "<tr><td>\(HTMLText.escape(area.municipality))</td>"
            for group in groups {
                guard let g = area.groups.first(where: { $0.group == group }) else {
                    html += "<td></td>"
                    continue
                }
                let median = result.timeToHousing.first { $0.municipality == area.municipality && $0.group == group }?.median[0]
                html += "<td>" + String(format: "%.1f%%", g.successRate * 100) + " · " + (median.map { String(format: "%.1f y", Double($0) / 365.25) } ?? "not reached") + "</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>"
    }

    /// Two policies' simulated years, paired: B − A per group and measure with its interval.
    public static func pairedHTML(title: String, description: String,
                                  rows: [(group: String, measure: String, a: Estimate, b: Estimate, d: Estimate)]) -> String {
        var table = "<table><tr><th>group</th><th>measure</th><th>A</th><th>B</th><th>B − A, paired</th><th>95% interval</th><th>n</th></tr>\n"
        for r in rows {
            let rate = r.measure == "success_rate" || r.measure == "share_of_lettings"
            let days = r.measure.hasPrefix("time_to_housing")
            func show(_ v: Double, signed: Bool = false) -> String {
                let text = rate ? String(format: signed ? "%+.2f" : "%.2f", v * 100) : days ? String(format: signed ? "%+.2f" : "%.2f", v / 365.25)
                    : String(format: signed ? "%+.1f" : "%.1f", v)
                return text + (rate ? (signed ? " pt" : "%") : days ? " y" : "")
            }
            table += "<tr><td>\(HTMLText.escape(r.group))</td><td>\(HTMLText.escape(r.measure.replacingOccurrences(of: "_", with: " ")))</td>"
                + "<td>\(show(r.a.mean))</td><td>\(show(r.b.mean))</td><td><b>\(show(r.d.mean, signed: true))</b></td>"
                + "<td>\(r.d.replications > 1 ? show(r.d.low, signed: true) + " to " + show(r.d.high, signed: true) : "one run")</td><td>\(r.d.replications)</td></tr>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(PageMark.meta)<title>\(HTMLText.escape(title))</title>
            <style>body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
            td:first-child, th:first-child, td:nth-child(2) { text-align: left; }</style></head><body>
            <h1>\(HTMLText.escape(title))</h1>
            <p>\(HTMLText.escape(description))</p>
            <h2>B − A, paired by run</h2>
            \(table)
            </body></html>

            """
    }
}

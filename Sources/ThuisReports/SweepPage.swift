import Foundation
import ThuisCore
import ThuisResearch

/// A sweep on one self-contained HTML page. First what the knob does: the success rates of the
/// priority group and of regular seekers against the swept value, from zero, one pair of lines
/// per setting of the other knobs; then the trade-off curve (the group's share of lettings
/// against regular seekers' success rate). Means over the seeds with 95% Student-t intervals.
public enum SweepPage {
    public struct Point: Sendable {
        public var label: String
        /// The knobs' values at this grid point, in `--vary` order.
        public var values: [Double]
        public var share: Estimate
        public var groupSuccess: Estimate
        public var regularSuccess: Estimate
        /// Regular seekers' success rate: its spread over markets and over the lottery.
        public var regularSpread: VarianceSplit
        /// Markets the point ran on (the replications when more than one).
        public var markets: Int
    }

    /// The points of a sweep's CSV; `group` is the group whose share of lettings is shown.
    /// A sweep.csv that is not as Thuis wrote it (a row of another width, a cell that is not a
    /// number where one belongs) throws `NOT_A_RESULT` at the place: a page never shows a
    /// figure it could not read as 0.
    public static func points(csv: String, knobs: [String], group: String) throws -> [Point] {
        let records = try CSVReader.records(Array(csv.utf8), file: "sweep.csv")
        let lines = records.map { $0.map(\.text) }
        func number(_ row: Int, _ column: Int) throws -> Double {
            let field = records[row][column]
            guard let value = Double(field.text), value.isFinite else {
                throw Diagnostic.error(.notAResult, "'\(field.text)' is not a number", at: SourceLocation(file: "sweep.csv", line: field.line, column: field.column))
            }
            return value
        }
        guard let header = lines.first, knobs.count + 1 < header.count, let shareColumn = header.firstIndex(of: "\(group)_share"),
              let groupColumn = header.firstIndex(of: "\(group)_success_rate"),
              let successColumn = header.firstIndex(of: "regular_success_rate") else { return [] }
        let marketColumn = header.firstIndex(of: "market")
        // Per grid point and market, the values over the seeds.
        var order: [String] = [], values: [String: [Double]] = [:]
        var figures: [String: [Int: [[Double]]]] = [:]
        for (r, row) in lines.enumerated().dropFirst() {
            guard row.count == header.count else {
                let first = records[r][0]
                throw Diagnostic.error(.notAResult, "a row of \(row.count) fields under a header of \(header.count)",
                                       at: SourceLocation(file: "sweep.csv", line: first.line, column: first.column))
            }
            let label = zip(knobs, row[1...knobs.count]).map { "\($0)=\($1)" }.joined(separator: " ")
            if figures[label] == nil {
                order.append(label)
                values[label] = try (1...knobs.count).map { try number(r, $0) }
            }
            let market = try marketColumn.map { Int(try number(r, $0)) } ?? 1
            figures[label, default: [:]][market, default: []].append(try [shareColumn, groupColumn, successColumn].map { try number(r, $0) })
        }
        return order.map { label in
            // Several markets: each market's mean over its seeds is one replication.
            let byMarket = figures[label]!.sorted { $0.key < $1.key }.map(\.value)
            let replications = byMarket.count > 1
                ? byMarket.map { rows in (0..<3).map { i in rows.map { $0[i] }.reduce(0, +) / Double(rows.count) } }
                : byMarket[0]
            func estimate(_ i: Int) -> Estimate { Estimate(replications.map { $0[i] }, range: 0...1) }
            return Point(label: label, values: values[label]!, share: estimate(0), groupSuccess: estimate(1), regularSuccess: estimate(2),
                         regularSpread: VarianceSplit(byMarket.map { rows in rows.map { $0[2] } }), markets: byMarket.count)
        }
    }

    /// A knob's key in words: `quotas.aandachtsgroepen.share` is "share of quota aandachtsgroepen".
    public static func describe(_ key: String) -> String {
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 3, parts[0] == "quotas" { return "\(parts[2]) of quota \(parts[1])" }
        return [("ranking.lottery_share", "share of adverts let by lottery"), ("law.daeb_minimum_share", "DAEB minimum share"),
                ("law.passend_minimum_share", "passend minimum share")].first { $0.0 == key }?.1 ?? key
    }

    /// The page; `group` is the one whose share of lettings and success rate are shown.
    /// `differences`: the baseline's name and the table of the paired differences against it, shown first.
    public static func html(csv: String, knobs: [String], title: String, group: String, differences: (String, String)? = nil) throws -> String {
        let points = try points(csv: csv, knobs: knobs, group: group)
        let n = points.first?.share.replications ?? 0
        let swept = knobs.last.map(describe) ?? "knob"
        var table = "<table><tr><th>scenario</th><th>share of lettings to \(escape(group))</th><th>success rate of \(escape(group))</th><th>regular seekers' success rate</th><th>its spread: markets / lottery (points)</th><th>n</th></tr>\n"
        for p in points {
            table += "<tr><td>\(escape(p.label))</td><td>\(cell(p.share, digits: 1))</td><td>\(cell(p.groupSuccess, digits: 1))</td><td>\(cell(p.regularSuccess, digits: 2))</td>"
                + "<td>\(HTMLText.points(p.regularSpread))</td><td>\(p.share.replications)</td></tr>\n"
        }
        table += "</table>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(PageMark.meta)<title>\(escape(title))</title>
            <style>body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1000px; } text { font-size: 12px; }
            svg { max-width: 100%; height: auto; }
            table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #ccc; padding: 4px 8px; }</style>
            </head><body>
            <h1>\(escape(title))</h1>
            <p>\(replication(markets: points.first?.markets ?? 1, n: n))</p>
            \(differences.map { "<h2>Against the baseline \(escape($0.0)), paired</h2>\n<p>Each point minus the baseline on the same market and lottery seed, then averaged: the interval of the difference, narrower than the two separate intervals suggest.</p>\n" + $0.1 } ?? "")
            <h2>Success rates against the \(escape(swept))</h2>
            \(successChart(points, knobs: knobs, group: group))
            <h2>The trade-off: share of lettings to \(escape(group)) against regular seekers' success rate</h2>
            \(tradeOff(points, knobs: knobs, group: group))
            <h2>Every grid point</h2>
            \(table)
            </body></html>

            """
    }

    /// What each point's interval is over.
    static func replication(markets: Int, n: Int) -> String {
        if markets > 1 {
            return "Each point is a grid point: the mean over \(n) generated markets (each the mean over its lottery seeds), with 95% Student-t intervals over the markets (n = \(n))."
        }
        return "Each point is a grid point: the mean over its \(n) lottery seeds (n = \(n)), with 95% Student-t intervals. Only the lottery varies: one market."
    }

    static func cell(_ e: Estimate, digits: Int) -> String {
        let f = "%.\(digits)f"
        return String(format: "\(f)%% (\(f)-\(f))", e.mean * 100, e.low * 100, e.high * 100)
    }

    static let colours = ["#4477aa", "#ee7733", "#228833", "#aa3377", "#66ccee", "#ccbb44", "#bbbbbb", "#ee6677"]

    /// Success rates (y, from zero) against the last knob (x): the group's solid, regular
    /// seekers' dashed, one colour per setting of the other knobs.
    static func successChart(_ points: [Point], knobs: [String], group: String) -> String {
        guard !points.isEmpty, !knobs.isEmpty else { return "" }
        let width = 760.0, height = 420.0, left = 70.0, bottom = 50.0, top = 20.0, right = 200.0
        let xs = points.map { $0.values.last ?? 0 }
        let x0 = min(0, xs.min() ?? 0), x1 = max(xs.max() ?? 1, x0 + 1e-9)
        let y1 = max(0.01, (points.flatMap { [$0.groupSuccess.high, $0.regularSuccess.high] }.max() ?? 0.01) * 1.1)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - y / y1 * (height - top - bottom) }
        var svg = axes(width: width, height: height, left: left, bottom: bottom, top: top, right: right,
                       xTicks: x0 == 0 ? ticks(to: x1) : (0...4).map { x0 + (x1 - x0) * Double($0) / 4 }, px: px,
                       xLabel: { knobValue(knobs.last!, $0) },
                       yTicks: ticks(to: y1), py: py, yLabel: { String(format: "%g%%", ($0 * 1000).rounded() / 10) })
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">\(escape(describe(knobs.last!)))</text>\n"
        svg += "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\" text-anchor=\"middle\">success rate (housed, of those who reacted)</text>\n"
        var series: [String: [Point]] = [:], order: [String] = []
        for p in points {
            let key = zip(knobs.dropLast(), p.values.dropLast()).map { "\(describe($0)) \(String(format: "%g", $1))" }.joined(separator: ", ")
            if series[key] == nil { order.append(key) }
            series[key, default: []].append(p)
        }
        for (s, key) in order.enumerated() {
            let colour = colours[s % colours.count]
            for (dashed, value) in [(false, \Point.groupSuccess), (true, \Point.regularSuccess)] {
                let line = series[key]!.map { "\(px($0.values.last ?? 0)),\(py($0[keyPath: value].mean))" }.joined(separator: " ")
                svg += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
                for p in series[key]! where p[keyPath: value].high > p[keyPath: value].low {
                    let x = px(p.values.last ?? 0)
                    svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(py(p[keyPath: value].low))\" y2=\"\(py(p[keyPath: value].high))\" stroke=\"\(colour)\"/>\n"
                }
            }
            let y = top + 10 + Double(s) * 40
            let prefix = key.isEmpty ? "" : key + ": "
            svg += "<line x1=\"\(width - right + 12)\" x2=\"\(width - right + 36)\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"\(colour)\" stroke-width=\"2\"/><text x=\"\(width - right + 40)\" y=\"\(y + 4)\">\(escape(prefix + group))</text>\n"
            svg += "<line x1=\"\(width - right + 12)\" x2=\"\(width - right + 36)\" y1=\"\(y + 16)\" y2=\"\(y + 16)\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"\(width - right + 40)\" y=\"\(y + 20)\">\(escape(prefix))regular seekers</text>\n"
        }
        return svg + "</svg>"
    }

    /// A knob's value in the unit the page shows it: shares in percent, other knobs as they are.
    static func knobValue(_ key: String, _ value: Double) -> String {
        key.hasSuffix("share") ? String(format: "%g%%", (value * 1000).rounded() / 10) : String(format: "%g", (value * 1000).rounded() / 1000)
    }

    /// The group's share of lettings (x) against regular seekers' success rate (y), both from zero.
    /// Every point is drawn: points that fall together (floors that round to the same reserves)
    /// are set side by side and labelled once with all their values.
    static func tradeOff(_ points: [Point], knobs: [String], group: String) -> String {
        guard !points.isEmpty else { return "" }
        let width = 760.0, height = 420.0, left = 70.0, bottom = 50.0, top = 20.0, right = 30.0
        let x1 = max(0.01, (points.map(\.share.high).max() ?? 0.01) * 1.1)
        let y1 = max(0.01, (points.map(\.regularSuccess.high).max() ?? 0.01) * 1.1)
        func px(_ x: Double) -> Double { left + x / x1 * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - y / y1 * (height - top - bottom) }
        let percent: (Double) -> String = { String(format: "%g%%", ($0 * 1000).rounded() / 10) }
        var svg = axes(width: width, height: height, left: left, bottom: bottom, top: top, right: right,
                       xTicks: ticks(to: x1), px: px, xLabel: percent, yTicks: ticks(to: y1), py: py, yLabel: percent)
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">share of lettings to \(escape(group))</text>\n"
        svg += "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\" text-anchor=\"middle\">success rate of regular seekers</text>\n"
        let path = points.map { "\(px($0.share.mean)),\(py($0.regularSuccess.mean))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#4477aa\" stroke-width=\"2\"/>\n"
        // Clusters of points closer than a marker's width, in grid order.
        var clusters: [[Point]] = []
        for p in points {
            let x = px(p.share.mean), y = py(p.regularSuccess.mean)
            if let i = clusters.firstIndex(where: { c in abs(px(c[0].share.mean) - x) < 8 && abs(py(c[0].regularSuccess.mean) - y) < 8 }) {
                clusters[i].append(p)
            } else {
                clusters.append([p])
            }
        }
        for cluster in clusters {
            let x = px(cluster[0].share.mean), y = py(cluster[0].regularSuccess.mean)
            for (k, p) in cluster.enumerated() {
                let offset = (Double(k) - Double(cluster.count - 1) / 2) * 9
                let px0 = px(p.share.mean) + offset, py0 = py(p.regularSuccess.mean)
                svg += "<line x1=\"\(px(p.share.low) + offset)\" x2=\"\(px(p.share.high) + offset)\" y1=\"\(py0)\" y2=\"\(py0)\" stroke=\"#888\"/>\n"
                svg += "<line x1=\"\(px0)\" x2=\"\(px0)\" y1=\"\(py(p.regularSuccess.low))\" y2=\"\(py(p.regularSuccess.high))\" stroke=\"#888\"/>\n"
                svg += "<circle cx=\"\(px0)\" cy=\"\(py0)\" r=\"4\" fill=\"#ee7733\" stroke=\"#fff\"/>\n"
            }
            let label = cluster.map { p in zip(knobs, p.values).map { knobValue($0, $1) }.joined(separator: ", ") }.joined(separator: " = ")
            svg += "<text x=\"\(x + 6 + Double(cluster.count - 1) * 4.5)\" y=\"\(y - 8)\">\(escape(label))</text>\n"
        }
        return svg + "</svg>"
    }

    /// Round ticks from zero up to `maximum`, at most six.
    static func ticks(to maximum: Double) -> [Double] {
        let raw = maximum / 5
        let power = pow(10, log10(raw).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        return stride(from: 0, through: maximum + 1e-12, by: step).map { $0 }
    }

    static func axes(width: Double, height: Double, left: Double, bottom: Double, top: Double, right: Double,
                     xTicks: [Double], px: (Double) -> Double, xLabel: (Double) -> String,
                     yTicks: [Double], py: (Double) -> Double, yLabel: (Double) -> String) -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        for y in yTicks {
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(py(y))\" y2=\"\(py(y))\" stroke=\"#eee\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">\(yLabel(y))</text>\n"
        }
        for x in xTicks {
            svg += "<text x=\"\(px(x))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(xLabel(x))</text>\n"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>\n"
        return svg
    }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}

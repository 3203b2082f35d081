import Foundation
import ThuisCore
import ThuisResearch

/// The page of a multi-seed simulation (`runs.csv`, from one process or merged shards): per
/// group the mean over the seeds with 95% Student-t intervals, the success rate first, drawn
/// from zero on one common scale.
public enum RunsPage {
    /// One group's figures over the seeds.
    struct Group {
        var name: String
        var success: Estimate
        var share: Estimate
        var waiting: Estimate
        var housed: Estimate
        /// The success rate's spread over markets and over the lottery.
        var spread: VarianceSplit
    }

    /// The page; throws a located ``Diagnostic`` when `csv` is not a runs.csv.
    public static func html(csv: [UInt8], file: String, title: String) throws -> String {
        var header: [String] = []
        var order: [String] = []
        // Per group, measure and market: the values over that market's lottery seeds.
        var values: [String: [String: [Int: [Double]]]] = [:]
        try CSVReader.forEachRecord(csv, file: file) { record in
            let fields = record.map(\.text)
            guard !header.isEmpty else { header = fields; return }
            guard fields.count == header.count else {
                throw Diagnostic.error(.notAResult, "\(fields.count) fields; runs.csv has \(header.count)", at: SourceLocation(file: file, line: record[0].line, column: 1))
            }
            let row = Dictionary(uniqueKeysWithValues: zip(header, fields))
            guard let group = row["group"] else { return }
            if values[group] == nil { order.append(group) }
            let market = row["market"].flatMap { Int($0) } ?? row["seed"].flatMap { Int($0) } ?? 1
            for key in ["success_rate", "share_of_lettings", "waiting_p50", "housed"] {
                if let v = row[key].flatMap(Double.init) { values[group, default: [:]][key, default: [:]][market, default: []].append(v) }
            }
        }
        // The replication is the market: each market's mean over its seeds (one seed: the value).
        func estimate(_ group: String, _ key: String, range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) -> Estimate {
            let byMarket = (values[group]?[key] ?? [:]).sorted { $0.key < $1.key }.map { $0.value.reduce(0, +) / Double($0.value.count) }
            return Estimate(byMarket, range: range)
        }
        let groups = order.map { name in
            Group(name: name, success: estimate(name, "success_rate", range: 0...1), share: estimate(name, "share_of_lettings", range: 0...1),
                  waiting: estimate(name, "waiting_p50"), housed: estimate(name, "housed"),
                  spread: VarianceSplit((values[name]?["success_rate"] ?? [:]).sorted { $0.key < $1.key }.map(\.value)))
        }
        let n = groups.first?.success.replications ?? 0
        let crossed = values.values.contains { $0.values.contains { $0.values.contains { $0.count > 1 } } }
        let replication = crossed
            ? "Means over \(n) simulated market(s), each the mean over its lottery seeds, with 95% Student-t intervals over the markets (n = \(n)): the markets' draws (registrations, adverts, reactions) and the lottery's (nights' lotteries, acceptance) are apart."
            : "Means over \(n) simulated year(s), one per seed (n = \(n)), with 95% Student-t intervals; every seed draws its own market and lottery."
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(PageMark.meta)<title>\(escape(title))</title>
            <style>body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1000px; } svg { max-width: 100%; height: auto; }
            text { font-size: 12px; } table { border-collapse: collapse; font-size: 14px; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; } td:first-child, th:first-child { text-align: left; }</style>
            </head><body>
            <h1>\(escape(title))</h1>
            <p>\(replication)</p>
            <h2>Success rate per group: housed within the year, of the households that searched</h2>
            \(chart(groups))
            <h2>Key numbers</h2>
            \(table(groups, n: n))
            </body></html>

            """
    }

    /// Horizontal bars from zero on one scale, whiskers for the intervals, values at the bars.
    static func chart(_ groups: [Group]) -> String {
        let shown = groups.filter { $0.name != "all" }
        let left = 130.0, width = 560.0, row = 28.0, top = 10.0
        let maximum = max(0.05, (shown.map(\.success.high).max() ?? 0) * 1.1)
        let step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25].first { maximum / $0 <= 8 } ?? 0.25
        let scale = width / maximum
        let height = top + Double(shown.count) * row + 40
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(left + width + 60))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(left + width + 60)) \(Int(height))\">\n"
        var tick = 0.0
        while tick <= maximum + 1e-9 {
            let x = left + tick * scale
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(top)\" y2=\"\(top + Double(shown.count) * row)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(x)\" y=\"\(top + Double(shown.count) * row + 14)\" text-anchor=\"middle\">\(String(format: "%.0f%%", tick * 100))</text>\n"
            tick += step
        }
        for (i, g) in shown.enumerated() {
            let y = top + Double(i) * row
            svg += "<text x=\"\(left - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(escape(g.name))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 5)\" width=\"\(g.success.mean * scale)\" height=\"16\" fill=\"#4477aa\"/>"
            if g.success.high > g.success.low {
                svg += "<line x1=\"\(left + g.success.low * scale)\" x2=\"\(left + g.success.high * scale)\" y1=\"\(y + 13)\" y2=\"\(y + 13)\" stroke=\"#000\"/>"
            }
            svg += "<text x=\"\(left + g.success.high * scale + 6)\" y=\"\(y + 17)\">\(String(format: "%.1f%%", g.success.mean * 100))</text>\n"
        }
        svg += "<text x=\"\(left + width / 2)\" y=\"\(height - 6)\" text-anchor=\"middle\">success rate (share of the group's searching households housed)</text></svg>"
        return svg
    }

    static func table(_ groups: [Group], n: Int) -> String {
        func cell(_ e: Estimate, percent: Bool) -> String {
            let f: (Double) -> String = percent ? { String(format: "%.1f%%", $0 * 100) } : { String(format: "%.1f", $0) }
            return e.replications == 0 ? "-" : e.high > e.low ? "\(f(e.mean)) (\(f(e.low))-\(f(e.high)))" : f(e.mean)
        }
        var out = "<table><tr><th>group</th><th>housed</th><th>success rate</th><th>share of lettings</th><th>median wait at letting (years)</th><th>success rate's spread: markets / lottery (points)</th><th>n</th></tr>\n"
        for g in groups {
            out += "<tr><td>\(escape(g.name))</td><td>\(cell(g.housed, percent: false))</td><td>\(cell(g.success, percent: true))</td>"
                + "<td>\(cell(g.share, percent: true))</td><td>\(cell(g.waiting, percent: false))</td>"
                + "<td>\(HTMLText.points(g.spread))</td><td>\(n)</td></tr>\n"
        }
        return out + "</table>"
    }

    static func escape(_ s: String) -> String { HTMLText.escape(s) }
}

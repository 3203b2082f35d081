import Foundation
import ThuisCore
import ThuisResearch

/// The trade-off curve of a sweep as one self-contained HTML page: the share of lettings to the
/// priority groups against the regular seekers' success rate, a point per grid point (mean over
/// seeds, with 95% intervals).
public enum SweepPage {
    public struct Point: Sendable {
        public var label: String
        public var share: ComparisonReport.Estimate
        public var regularSuccess: ComparisonReport.Estimate
    }

    /// The points of a sweep's CSV; `group` is the group whose share is on the x axis.
    public static func points(csv: String, knobs: [String], group: String) -> [Point] {
        let lines = ((try? CSVReader.records(Array(csv.utf8), file: "sweep.csv")) ?? []).map { $0.map(\.text) }
        guard let header = lines.first, let shareColumn = header.firstIndex(of: "\(group)_share"),
              let successColumn = header.firstIndex(of: "regular_success_rate") else { return [] }
        var order: [String] = [], shares: [String: [Double]] = [:], success: [String: [Double]] = [:]
        for row in lines.dropFirst() where row.count == header.count {
            let label = zip(knobs, row[1...knobs.count]).map { "\($0)=\($1)" }.joined(separator: " ")
            if shares[label] == nil { order.append(label) }
            shares[label, default: []].append(Double(row[shareColumn]) ?? 0)
            success[label, default: []].append(Double(row[successColumn]) ?? 0)
        }
        return order.map { Point(label: $0, share: .init(shares[$0]!, range: 0...1), regularSuccess: .init(success[$0]!, range: 0...1)) }
    }

    /// The page; `group` is the one whose share of lettings is on the x axis.
    public static func html(csv: String, knobs: [String], title: String, group: String) -> String {
        let points = points(csv: csv, knobs: knobs, group: group)
        let width = 760.0, height = 460.0, left = 70.0, bottom = 50.0, top = 20.0, right = 30.0
        let xs = points.flatMap { [$0.share.low, $0.share.high] }, ys = points.flatMap { [$0.regularSuccess.low, $0.regularSuccess.high] }
        // Axes fit the data with a margin: the differences between points are what matters.
        func span(_ values: [Double]) -> (Double, Double) {
            let low = values.min() ?? 0, high = values.max() ?? 1
            let pad = max((high - low) * 0.15, 0.002)
            return (max(0, low - pad), high + pad)
        }
        let (x0, x1) = span(xs), (y0, y1) = span(ys)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#444\"/>\n"
        for k in 0...4 {
            let x = x0 + (x1 - x0) * Double(k) / 4, y = y0 + (y1 - y0) * Double(k) / 4
            svg += "<text x=\"\(px(x))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(String(format: "%.1f%%", x * 100))</text>\n"
            svg += "<text x=\"\(left - 6)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">\(String(format: "%.2f%%", y * 100))</text>\n"
        }
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\">share of lettings to \(escape(group))</text>\n"
        svg += "<text x=\"16\" y=\"\((top + height - bottom) / 2)\" transform=\"rotate(-90 16 \((top + height - bottom) / 2))\" text-anchor=\"middle\">success rate of regular seekers</text>\n"
        let path = points.map { "\(px($0.share.mean)),\(py($0.regularSuccess.mean))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#4477aa\" stroke-width=\"2\"/>\n"
        let every = max(1, points.count / 6)
        for (i, p) in points.enumerated() {
            let x = px(p.share.mean), y = py(p.regularSuccess.mean)
            svg += "<line x1=\"\(px(p.share.low))\" x2=\"\(px(p.share.high))\" y1=\"\(y)\" y2=\"\(y)\" stroke=\"#888\"/>\n"
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(py(p.regularSuccess.low))\" y2=\"\(py(p.regularSuccess.high))\" stroke=\"#888\"/>\n"
            svg += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4\" fill=\"#ee7733\"/>\n"
            if i % every == 0 || i == points.count - 1 {
                svg += "<text x=\"\(x + 6)\" y=\"\(y - 6)\">\(escape(p.label.split(separator: "=").last.map(String.init) ?? ""))</text>\n"
            }
        }
        svg += "</svg>"
        var table = "<table><tr><th>scenario</th><th>share to \(escape(group))</th><th>regular success rate</th></tr>\n"
        for p in points {
            table += "<tr><td>\(escape(p.label))</td><td>\(String(format: "%.1f%% (%.1f-%.1f)", p.share.mean * 100, p.share.low * 100, p.share.high * 100))</td><td>\(String(format: "%.2f%% (%.2f-%.2f)", p.regularSuccess.mean * 100, p.regularSuccess.low * 100, p.regularSuccess.high * 100))</td></tr>\n"
        }
        table += "</table>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>body { font-family: sans-serif; margin: 2em; color: #222; } text { font-size: 12px; }
            table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #ccc; padding: 4px 8px; }</style>
            </head><body>
            <h1>\(escape(title))</h1>
            <p>Each point is a grid point, the mean over its \(points.first?.share.replications ?? 0) lottery seeds (n per point); the grey lines are 95% Student-t intervals. Only the lottery varies: one market.</p>
            \(svg)
            \(table)
            </body></html>

            """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

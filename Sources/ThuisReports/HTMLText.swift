import Foundation
import ThuisResearch

/// Text put into the HTML pages, escaped: names come from policy files and exports.
enum HTMLText {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A spread as "markets / lottery" in percentage points, `-` where there is one market or one seed.
    static func points(_ split: VarianceSplit) -> String {
        [split.markets, split.lottery].map { $0.map { String(format: "%.2f", $0 * 100) } ?? "-" }.joined(separator: " / ")
    }
}

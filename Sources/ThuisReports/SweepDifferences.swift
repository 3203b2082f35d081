import ThuisCore
import ThuisResearch

/// Each grid point of a sweep against a baseline point, paired: per market and seed the point's
/// figure minus the baseline's on the same market and lottery seed, then estimated over the
/// replications as the means are (each market's mean difference over its seeds when there are
/// several markets, else the seeds), with a Student-t interval (``ThuisResearch/Estimate``).
///
/// Computed from the long `measures.csv`, so one process and merged shards give the same file.
public struct SweepDifferences: Sendable {
    public struct Row: Sendable, Equatable {
        public var point: String
        public var municipality: String
        public var group: String
        public var measure: String
        public var baseline: Estimate
        public var value: Estimate
        public var difference: Estimate
    }

    public let baseline: String
    public let rows: [Row]

    /// `measures` is a sweep's measures.csv (scenario, point, market, seed, municipality, group,
    /// measure, value); `baseline` names a grid point as its `point` column does.
    public init(measures: [UInt8], file: String, baseline: String) throws {
        self.baseline = baseline
        struct Key: Hashable { var point: String, municipality: String, group: String, measure: String }
        // Per key: values by (market, seed).
        var values: [Key: [Int: [UInt64: Double]]] = [:]
        var order: [Key] = [], markets = Set<Int>()
        var header: [String] = []
        try CSVReader.forEachRecord(measures, file: file) { fields in
            if header.isEmpty {
                header = fields.map(\.text)
                return
            }
            func field(_ name: String) -> CSVReader.Field? { header.firstIndex(of: name).flatMap { $0 < fields.count ? fields[$0] : nil } }
            guard let point = field("point")?.text, let municipality = field("municipality")?.text, let group = field("group")?.text,
                  let measure = field("measure")?.text, let market = field("market").flatMap({ Int($0.text) }),
                  let seed = field("seed").flatMap({ UInt64($0.text) }), let value = field("value").flatMap({ Double($0.text) }) else {
                let at = fields.first.map { SourceLocation(file: file, line: $0.line, column: 1) }
                throw Diagnostic(.error, .invalidValue, "a measures.csv row without point, municipality, group, measure, market, seed and value", at: at)
            }
            let key = Key(point: point, municipality: municipality, group: group, measure: measure)
            if values[key] == nil { order.append(key) }
            values[key, default: [:]][market, default: [:]][seed] = value
            markets.insert(market)
        }
        let byMarket = markets.count > 1
        var rows: [Row] = []
        for key in order where key.point != baseline && key.measure != "seekers" {
            guard let base = values[Key(point: baseline, municipality: key.municipality, group: key.group, measure: key.measure)],
                  let here = values[key] else { continue }
            let range: ClosedRange<Double> = ["share", "success_rate", "dissimilarity"].contains(key.measure) ? 0...1 : 0...Double.greatestFiniteMagnitude
            let width = range.upperBound - range.lowerBound
            var a: [Double] = [], b: [Double] = [], d: [Double] = []
            for market in here.keys.sorted() {
                guard let seeds = here[market], let baseSeeds = base[market] else { continue }
                let paired = seeds.keys.sorted().compactMap { s in baseSeeds[s].map { (baseSeeds[s]!, seeds[s]!, seeds[s]! - $0) } }
                guard !paired.isEmpty else { continue }
                if byMarket {
                    let n = Double(paired.count)
                    a.append(paired.reduce(0) { $0 + $1.0 } / n)
                    b.append(paired.reduce(0) { $0 + $1.1 } / n)
                    d.append(paired.reduce(0) { $0 + $1.2 } / n)
                } else {
                    a += paired.map(\.0)
                    b += paired.map(\.1)
                    d += paired.map(\.2)
                }
            }
            guard !d.isEmpty else { continue }
            rows.append(Row(point: key.point, municipality: key.municipality, group: key.group, measure: key.measure,
                            baseline: Estimate(a, range: range), value: Estimate(b, range: range),
                            difference: Estimate(d, range: -width...width)))
        }
        self.rows = rows
    }

    /// `differences.csv`.
    public func csv() -> String {
        var out = CSVText.line(["point", "baseline", "municipality", "group", "measure", "replications", "baseline_mean", "baseline_low",
                                "baseline_high", "value", "value_low", "value_high", "difference", "difference_low", "difference_high"])
        for r in rows {
            out += CSVText.line([r.point, baseline, r.municipality, r.group, r.measure, "\(r.difference.replications)"]
                + [r.baseline, r.value, r.difference].flatMap { [ComparisonReport.number($0.mean), ComparisonReport.number($0.low), ComparisonReport.number($0.high)] })
        }
        return out
    }

    /// The region's differences in `group`'s and regular seekers' success rates, as a page table.
    public func table(group: String) -> String {
        let picked = rows.filter { $0.municipality == "region" && $0.measure == "success_rate" && ($0.group == group || $0.group == "regular") }
        guard !picked.isEmpty else { return "" }
        var html = "<table><tr><th>grid point</th><th>group</th><th>baseline</th><th>this point</th><th>difference, paired</th><th>95% interval</th><th>n</th></tr>\n"
        for r in picked {
            html += "<tr><td>\(HTMLText.escape(r.point))</td><td>\(HTMLText.escape(r.group))</td>"
                + String(format: "<td>%.2f%%</td><td>%.2f%%</td><td><b>%+.2f pt</b></td>", r.baseline.mean * 100, r.value.mean * 100, r.difference.mean * 100)
                + (r.difference.replications > 1 ? String(format: "<td>%+.2f to %+.2f pt</td>", r.difference.low * 100, r.difference.high * 100) : "<td>one run</td>")
                + "<td>\(r.difference.replications)</td></tr>\n"
        }
        return html + "</table>"
    }
}

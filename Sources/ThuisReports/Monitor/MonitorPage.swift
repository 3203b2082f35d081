import ThuisCore

/// The monitor as a self-contained page a council member reads in a minute: one row per
/// municipality, the four measures beside their norms, shortfalls marked in words and colour,
/// and the fair share drawn as a bar around 1. No scripts, no links out: it works offline.
public enum MonitorPage {
    /// The marker a page written by `thuis monitor` carries, so that it is only ever replaced by
    /// another one.
    public static let generator = "<meta name=\"generator\" content=\"thuis monitor\">"

    /// `134,365`: counts as English text writes them.
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        let head = digits.count % 3 == 0 ? 3 : digits.count % 3
        var out = String(digits.prefix(head))
        var rest = digits.dropFirst(head)
        while !rest.isEmpty {
            out += "," + rest.prefix(3)
            rest = rest.dropFirst(3)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The spread within municipalities: per municipality its dissimilarity, the group's share
    /// of the lettings in the concentrated areas against all lettings' share there, and the
    /// areas that received more than their share.
    static func withinSection(_ report: MonitorReport) -> String {
        guard let level = report.within.first?.level else { return "" }
        let e = HTMLText.escape, pct = MonitorReport.percent
        var rows = ""
        for w in report.within {
            let over = w.over.compactMap { code in w.areas.first { $0.code == code } }
                .map { "\(e(MonitorReport.label($0.code, $0.name))) (+\($0.gap))" }.joined(separator: ", ")
            let gathers = (w.groupShareConcentrated ?? 0) > (w.lettingsShareConcentrated ?? 1)
            rows += "<tr><th>\(e(MonitorReport.label(w.municipality, w.name)))</th><td class=n>\(w.areas.filter { $0.lettings > 0 }.count)</td>"
                + "<td class=n>\(w.dissimilarity.map { MonitorReport.formatted($0, decimals: 2) } ?? "-")</td>"
                + "<td class=\"n\(gathers ? " gathers" : "")\">\(pct(w.groupShareConcentrated))</td><td class=n>\(pct(w.lettingsShareConcentrated))</td>"
                + "<td class=wrap>\(over.isEmpty ? "none" : over)\(w.unplaced > 0 ? "; \(w.unplaced) letting(s) without a \(e(level))" : "")</td></tr>\n"
        }
        return """
            <h2>Within municipalities, per \(e(level))</h2>
            <p>D (dissimilarity) is 0 when the lettings to \(e(report.group)) spread over the \(e(level))en as the other lettings do, and 1 when they never share one. \
            The concentrated \(e(level))en are those with the highest social rental share that together hold a fifth of the municipality's social stock: \
            a share of the lettings to \(e(report.group)) there above that of all lettings means the group is housed more than others where social housing already gathers.</p>
            <table><thead><tr><th>Municipality</th><th>\(e(level))en with lettings</th><th>D</th><th>\(e(report.group)) in concentrated</th><th>all lettings there</th><th>received more than their share</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>

            """
    }

    /// The page of `report`.
    public static func html(_ report: MonitorReport) -> String {
        let e = HTMLText.escape
        let pct = MonitorReport.percent
        let hasProgramme = report.region.programme != nil
        let stockNorm = Norm(report.norms.stock).percent, buildNorm = Norm(report.norms.newBuilding).percent
        let floor = Norm(report.norms.lettingsFloor).percent
        func cell(_ text: String, ok: Bool?, title: String = "") -> String {
            let attributes = title.isEmpty ? "" : " title=\"\(e(title))\""
            guard let ok else { return "<td class=n\(attributes)>\(e(text))</td>" }
            return ok ? "<td class=\"n ok\"\(attributes)>\(e(text))</td>" : "<td class=\"n short\"\(attributes)>\(e(text)) <b>below</b></td>"
        }
        func bar(_ ratio: Double?) -> String {
            // 0 to 2 over 120 px, the fair share (1) in the middle; beyond 2 the bar is cut.
            guard let ratio else { return "<td></td>" }
            let x = min(ratio, 2) * 60
            let (from, width) = x >= 60 ? (60.0, x - 60) : (x, 60 - x)
            let colour = ratio >= 1 ? "#c0504d" : "#4f81bd"
            return "<td><svg width=\"124\" height=\"14\" role=\"img\" aria-label=\"ratio \(MonitorReport.formatted(ratio, decimals: 2))\">"
                + "<rect x=\"\(2 + from)\" y=\"2\" width=\"\(max(width, 1))\" height=\"10\" fill=\"\(colour)\"/>"
                + "<line x1=\"62\" x2=\"62\" y1=\"0\" y2=\"14\" stroke=\"#222\"/></svg></td>"
        }
        var rows = ""
        for r in report.municipalities + [report.region] {
            let f = r.fairShare
            var cells = "<th>\(e(r.municipality == "region" ? "Region" : MonitorReport.label(r)))</th>"
                + cell("\(grouped(r.stock.socialRental)) of \(grouped(r.stock.dwellings))", ok: nil)
                + cell(pct(r.stock.share), ok: r.stock.meetsNorm)
            if hasProgramme {
                if let p = r.programme {
                    cells += cell("\(grouped(p.socialRental)) of \(grouped(p.planned))", ok: nil)
                        + cell(pct(p.share), ok: p.meetsNeeded, title: p.meetsNorm ? "" : "below \(buildNorm) as well")
                        + cell(pct(p.neededShare) + (p.canReachStockNorm ? "" : ", out of reach"), ok: nil)
                } else {
                    cells += "<td></td><td></td><td></td>"
                }
            }
            cells += cell("\(r.lettings.toGroup) of \(r.lettings.accepted)", ok: nil)
                + cell(pct(r.lettings.share) + (r.lettings.short > 0 ? ", \(r.lettings.short) short" : ""), ok: r.lettings.accepted == 0 ? nil : r.lettings.meetsFloor)
                + cell(pct(f.keyShare), ok: nil) + cell(pct(f.groupShare), ok: nil)
                + cell(MonitorReport.formatted(f.expected, decimals: 1), ok: nil)
                + "<td class=\"n \(f.gap > 0 ? "more" : f.gap < 0 ? "less" : "")\">\(f.gap > 0 ? "+" : f.gap < 0 ? "&minus;" : "")\(abs(f.gap))</td>"
                + cell(f.ratio.map { MonitorReport.formatted($0, decimals: 2) } ?? "-", ok: nil) + bar(f.ratio)
            rows += "<tr\(r.municipality == "region" ? " class=region" : "")>\(cells)</tr>\n"
        }
        let byCode = Dictionary(uniqueKeysWithValues: report.municipalities.map { ($0.municipality, $0) })
        func list(_ codes: [String]) -> String {
            codes.isEmpty ? "none" : codes.compactMap { byCode[$0] }.map {
                "\(e(MonitorReport.label($0))) (\($0.fairShare.gap > 0 ? "+" : "&minus;")\(abs($0.fairShare.gap)))"
            }.joined(separator: ", ")
        }
        let programmeHead = hasProgramme
            ? "<th colspan=3>2. New building \(report.programmeYears)<br><small>norm \(buildNorm) social, more where the stock needs it</small></th>" : ""
        let programmeColumns = hasProgramme ? "<th>social of planned</th><th>share</th><th>needed</th>" : ""
        let notes = report.notes.map { "<p class=note>\(e($0))</p>\n" }.joined()
        let within = withinSection(report)
        let title = "Een thuis voor iedereen: monitor \(report.period)"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">\(generator)<title>\(e(title))</title>
            <style>body{font-family:sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;font-size:14px}th,td{padding:.25em .5em;border-bottom:1px solid #ddd;white-space:nowrap}thead th{background:#f3f3f3;text-align:center;vertical-align:bottom}tbody th{text-align:left}.n{text-align:right}.ok{background:#e6f4e6}.short{background:#fbe0df}.more{color:#c0504d;font-weight:bold}.less{color:#4f81bd;font-weight:bold}tr.region{border-top:2px solid #222;font-weight:bold}.note{color:#555}small{font-weight:normal;color:#555}.gathers{background:#fff2cc}td.wrap{white-space:normal;max-width:40em}</style>
            </head><body>
            <h1>\(e(title))</h1>
            <p>\(report.municipalities.count) municipalities, \(e(report.from)) up to \(e(report.until)). Green meets its norm; red is <b>below</b> it. \
            Lettings are accepted offers from the ledger\(report.region.lettings.open > 0 ? " (\(report.region.lettings.open) offers not yet answered are not counted)" : ""). \
            The fair share compares each municipality's part of the region's lettings to \(e(report.group)) with its part of the \(e(report.keyDescription)): \
            a ratio above 1 (bar to the right) carries more than its share, below 1 less.</p>
            <table>
            <thead><tr><th rowspan=2>Municipality</th><th colspan=2>1. Stock, 1 January \(report.year)<br><small>norm \(stockNorm) social rental</small></th>\(programmeHead)<th colspan=2>3. Lettings to \(e(report.group))<br><small>floor \(floor)</small></th><th colspan=6>4. Fair share of \(e(report.group))<br><small>key: \(e(report.keyDescription))</small></th></tr>
            <tr><th>social of all</th><th>share</th>\(programmeColumns)<th>of accepted</th><th>share</th><th>key part</th><th>group part</th><th>expected</th><th>gap</th><th>ratio</th><th>0 &ndash; 1 &ndash; 2</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <p><b>Carry more than their share</b> (households over): \(list(report.carryingMore)).<br>
            <b>Carry less</b> (households under): \(list(report.carryingLess)).</p>
            \(within)\(notes)<p class=note>Floor for lettings to \(e(report.group)): \(e(report.norms.lettingsFloorSource)). Expected lettings are apportioned in whole households by largest remainder, so they add up to the region's \(report.region.fairShare.groupLettings) and the gaps to zero. \
            Needed share: the least social share of the planned dwellings that is at least \(buildNorm) and brings the stock to \(stockNorm) by the end of \(report.targetYear), \
            assuming no demolition, sale or change of tenure. Inputs: stock \(e(report.inputs.stock)) (SHA-256 \(report.inputs.stockSHA256.prefix(12)))\(report.inputs.programme.map { ", programme \(e($0))" } ?? ""), ledger \(e(report.inputs.ledger)), \(report.inputs.batches) batch(es).</p>
            </body></html>

            """
    }
}

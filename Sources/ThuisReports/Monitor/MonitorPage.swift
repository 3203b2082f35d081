import Foundation
import ThuisCore

/// The monitor as a self-contained page a council reads in a minute, in Dutch by default: one
/// row per municipality by name, each norm and what is needed in their own columns with a
/// verdict in words, the fair share under every key side by side, and the spread within the
/// municipalities. Colours mean one thing everywhere: red only for below a norm, green for
/// meeting it, yellow for above the norm but below what is needed, grey where the numbers are
/// too small to judge (fewer than ten lettings, shown with a 95% interval). Carrying more or
/// less than a fair share is a fact, not a failure: it is written in words, never in red. No
/// scripts, no links out: it works offline, and it fits a 1366-pixel screen.
public enum MonitorPage {
    /// The marker a page written by `thuis monitor` carries, so that it is only ever replaced by
    /// another one.
    public static let generator = "<meta name=\"generator\" content=\"thuis monitor\">"

    /// Fewer accepted lettings than this are too few to judge a share by.
    public static let smallNumber = 10

    /// `134.365` in Dutch, `134,365` in English.
    static func grouped(_ n: Int, _ words: MonitorWords) -> String {
        let digits = String(abs(n))
        let head = digits.count % 3 == 0 ? 3 : digits.count % 3
        var out = String(digits.prefix(head))
        var rest = digits.dropFirst(head)
        while !rest.isEmpty {
            out += words.thousands + rest.prefix(3)
            rest = rest.dropFirst(3)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Wilson's 95% interval for `k` of `n`: honest at small `n`, never outside 0-1.
    static func interval(_ k: Int, of n: Int) -> (Double, Double)? {
        guard n > 0 else { return nil }
        let z = 1.959964, p = Double(k) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()) / (1 + z * z / nn)
        return (max(0, centre - half), min(1, centre + half))
    }

    /// The page of `report`.
    public static func html(_ report: MonitorReport, language: LetterLanguage = .nl) -> String {
        let w = MonitorWords(language: language)
        let e = HTMLText.escape
        func pct(_ share: Double?) -> String { w.percent(share) }
        func name(_ code: String, _ given: String?) -> String {
            let known = given ?? MunicipalityNames.known[code]
            return known.map { "\(e($0)) <small>\(e(code))</small>" } ?? e(code)
        }
        let stockNorm = Norm(report.norms.stock).percent, buildNorm = Norm(report.norms.newBuilding).percent
        let floor = Norm(report.norms.lettingsFloor).percent
        let hasProgramme = report.region.programme != nil

        // 1. The norms, each beside what it asks, with a verdict in words.
        var normRows = ""
        for r in report.municipalities + [report.region] {
            let isRegion = r.municipality == "region"
            var cells = "<th>\(isRegion ? e(w.region) : name(r.municipality, r.name))</th>"
            cells += "<td class=n>\(grouped(r.stock.socialRental, w)) / \(grouped(r.stock.dwellings, w))</td><td class=n>\(pct(r.stock.share))</td>"
            cells += r.stock.meetsNorm ? "<td class=ok>\(w.meets)</td>" : "<td class=below>\(w.belowNorm)</td>"
            if hasProgramme {
                if let p = r.programme {
                    let verdict = p.meetsNeeded ? "<td class=ok>\(w.meetsNeeded)</td>"
                        : p.meetsNorm ? "<td class=between>\(w.aboveNormBelowNeeded)</td>" : "<td class=below>\(w.belowNorm)</td>"
                    cells += "<td class=n>\(pct(p.share))</td><td class=n>\(buildNorm)</td>"
                        + "<td class=n>\(pct(p.neededShare))\(p.canReachStockNorm ? "" : "<br><small>\(w.outOfReach)</small>")</td>" + verdict
                } else {
                    cells += "<td></td><td></td><td></td><td></td>"
                }
            }
            let l = r.lettings
            let small = l.accepted < smallNumber
            let range = small ? interval(l.toGroup, of: l.accepted).map { "<br><small>\(w.percent($0.0))&ndash;\(w.percent($0.1))</small>" } ?? "" : ""
            cells += "<td class=n>\(l.toGroup) / \(l.accepted)</td><td class=\"n\(small ? " small" : "")\">\(pct(l.share))\(range)</td>"
            cells += l.accepted == 0 ? "<td class=small>\(w.noLettings)</td>"
                : small ? "<td class=small>\(w.tooFew)</td>"
                : l.meetsFloor ? "<td class=ok>\(w.meets)</td>" : "<td class=below>\(w.belowFloor(l.short))</td>"
            normRows += "<tr\(isRegion ? " class=region" : "")>\(cells)</tr>\n"
        }
        let programmeHead = hasProgramme ? "<th colspan=4>\(w.newBuilding(report.programmeYears))</th>" : ""
        let programmeColumns = hasProgramme ? "<th>\(w.plannedSocial)</th><th>\(w.norm)</th><th>\(w.needed)</th><th>\(w.verdict)</th>" : ""

        // 2. The fair share under every key, side by side.
        var fairRows = ""
        let keys = report.keys.isEmpty ? [MonitorReport.KeyComparison]() : report.keys
        for r in report.municipalities {
            var cells = "<th>\(name(r.municipality, r.name))</th>"
            for k in keys {
                guard let s = k.municipalities.first(where: { $0.municipality == r.municipality }) else { cells += "<td></td><td></td>"; continue }
                let words = s.standing == .more ? w.carriesMore(s.gap) : s.standing == .less ? w.carriesLess(-s.gap) : w.fair
                cells += "<td class=\"n \(s.standing.rawValue)\">\(words)</td><td class=n>\(s.ratio.map { w.decimal($0, 2) } ?? "-")</td>"
            }
            let disagree = report.keysDisagree.contains(r.municipality)
            let small = r.fairShare.groupLettings + r.fairShare.expectedHouseholds < 2 * smallNumber
            cells += "<td>\(disagree ? w.keysDisagree : "")\(small ? (disagree ? "; " : "") + w.smallGroup : "")</td>"
            fairRows += "<tr\(small ? " class=smallrow" : "")>\(cells)</tr>\n"
        }
        let keyHeads = keys.map { "<th colspan=2>\(w.key($0.key))</th>" }.joined()
        let keyColumns = keys.map { _ in "<th>\(w.difference)</th><th>\(w.ratio)</th>" }.joined()

        let covered = report.covered.map { w.covered($0, from: report.from, until: report.until) } ?? w.noBatches(report.from, report.until)
        let notes = report.notes.map { "<li>\(e($0.text(language)))</li>" }.joined()
        let title = w.title(report.period)
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">\(generator)<title>\(e(title))</title>
            <style>body{font-family:sans-serif;margin:1em 1.2em;color:#222;max-width:1320px;font-size:14px}table{border-collapse:collapse;font-size:13px;margin-bottom:.6em}th,td{padding:.2em .4em;border-bottom:1px solid #ddd}thead th{background:#f3f3f3;text-align:center;vertical-align:bottom;font-size:12px}tbody th{text-align:left;white-space:nowrap}.n{text-align:right;white-space:nowrap}.ok{background:#e3f1e3}.below{background:#f8d7d5;font-weight:bold}.between{background:#fff2cc}.small,.smallrow td{background:#eeeeee;color:#555}.more{font-weight:bold}.less{font-style:italic}tr.region{border-top:2px solid #222;font-weight:bold}small{font-weight:normal;color:#666}.legend span{display:inline-block;padding:.1em .5em;margin-right:.4em}h2{font-size:17px;margin:1em 0 .3em}li{color:#555}</style>
            </head><body>
            <h1>\(e(title))</h1>
            <p>\(covered) \(w.lettingsNote(report.region.lettings.accepted, open: report.region.lettings.open, group: e(report.group)))</p>
            <p class=legend><span class=ok>\(w.legendOK)</span><span class=between>\(w.legendBetween)</span><span class=below>\(w.legendBelow)</span><span class=small>\(w.legendSmall)</span></p>
            <h2>\(w.normsHeading)</h2>
            <table>
            <thead><tr><th rowspan=2>\(w.municipality)</th><th colspan=3>\(w.stockHeading(report.year, stockNorm))</th>\(programmeHead)<th colspan=3>\(w.lettingsHeading(e(report.group), floor))</th></tr>
            <tr><th>\(w.socialOfAll)</th><th>\(w.share)</th><th>\(w.verdict)</th>\(programmeColumns)<th>\(w.ofAccepted)</th><th>\(w.share)</th><th>\(w.verdict)</th></tr></thead>
            <tbody>
            \(normRows)</tbody></table>
            <p><small>\(w.neededExplained(buildNorm, stockNorm, report.targetYear)) \(w.floorSource(e(report.norms.lettingsFloorSource.text(language))))</small></p>
            <h2>\(w.fairHeading(e(report.group)))</h2>
            <p>\(w.fairExplained(e(report.group)))</p>
            <table>
            <thead><tr><th rowspan=2>\(w.municipality)</th>\(keyHeads)<th rowspan=2>\(w.remark)</th></tr><tr>\(keyColumns)</tr></thead>
            <tbody>
            \(fairRows)</tbody></table>
            \(withinSection(report, w))\(notes.isEmpty ? "" : "<h2>\(w.notes)</h2><ul>\(notes)</ul>\n")<p><small>\(w.inputs(report))</small></p>
            </body></html>

            """
    }

    /// The spread within municipalities: per municipality its dissimilarity, the group's share
    /// of the lettings in the concentrated areas against all lettings' share there, and the
    /// areas that received more than their share.
    static func withinSection(_ report: MonitorReport, _ w: MonitorWords) -> String {
        guard let level = report.within.first?.level else { return "" }
        let e = HTMLText.escape
        var rows = ""
        for x in report.within {
            let over = x.over.compactMap { code in x.areas.first { $0.code == code } }.prefix(4)
                .map { "\(e($0.name ?? $0.code)) (+\($0.gap))" }.joined(separator: ", ") + (x.over.count > 4 ? " " + w.andMore(x.over.count - 4) : "")
            let gathers = (x.groupShareConcentrated ?? 0) > (x.lettingsShareConcentrated ?? 1)
            let small = x.areas.reduce(0) { $0 + $1.toGroup } < smallNumber
            let known = x.name ?? MunicipalityNames.known[x.municipality]
            rows += "<tr\(small ? " class=smallrow" : "")><th>\(e(known ?? x.municipality))</th><td class=n>\(x.areas.filter { $0.lettings > 0 }.count)</td>"
                + "<td class=n>\(x.dissimilarity.map { w.decimal($0, 2) } ?? "-")</td>"
                + "<td class=\"n\(gathers ? " more" : "")\">\(w.percent(x.groupShareConcentrated))</td><td class=n>\(w.percent(x.lettingsShareConcentrated))</td>"
                + "<td>\(over.isEmpty ? w.none : over)\(x.unplaced > 0 ? "; " + w.unplaced(x.unplaced, level) : "")\(small ? "; " + w.smallGroup : "")</td></tr>\n"
        }
        return """
            <h2>\(w.withinHeading(level))</h2>
            <p>\(w.withinExplained(e(report.group), level))</p>
            <table><thead><tr><th>\(w.municipality)</th><th>\(w.areasWithLettings(level))</th><th>D</th><th>\(w.inConcentrated(e(report.group)))</th><th>\(w.allThere)</th><th>\(w.receivedMore)</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>

            """
    }
}

import Foundation
import ThuisCore

/// The monitor as a table people read and as tidy CSV (one row per municipality and measure).
extension MonitorReport {
    static func percent(_ share: Double?) -> String { share.map { formatted($0 * 100, decimals: 1) + "%" } ?? "-" }

    static func formatted(_ x: Double, decimals: Int) -> String { String(format: "%.\(decimals)f", x) }

    /// The key in words.
    public var keyDescription: String {
        switch key {
        case .stock: return "social rental stock"
        case .population: return "inhabitants"
        case .lettings: return "all accepted lettings"
        }
    }

    /// The years the programme measure counts.
    public var programmeYears: String { targetYear == year ? "\(year)" : "\(year)-\(targetYear)" }

    /// The table people read: the four measures per municipality with their norms, a `*` where a
    /// figure falls short; the lettings per group; who carries more or less than its share.
    public func table() -> String {
        let hasProgramme = region.programme != nil
        let labelWidth = max(12, (municipalities + [region]).map { Self.label($0).count }.max() ?? 0)
        var out = "Een thuis voor iedereen: monitor \(period) (\(from) up to \(until)), \(municipalities.count) municipalities\n"
        out += "Norms: social rental \(Norm(norms.stock).percent) of the stock; "
        out += hasProgramme ? "\(Norm(norms.newBuilding).percent) of new building \(programmeYears), more where needed to reach \(Norm(norms.stock).percent) of the stock by the end of \(targetYear); "
            : "no building programme given; "
        out += "lettings to \(group) at least \(Norm(norms.lettingsFloor).percent) (\(norms.lettingsFloorSource.english)); fair share by \(keyDescription).\n"
        if let covered { out += "Data from \(covered.batches) batch(es), \(covered.first) to \(covered.last).\n" }
        out += "A * marks a figure short of its norm. Accepted lettings only\(region.lettings.open > 0 ? " (\(region.lettings.open) offer(s) not yet answered are not counted)" : "").\n\n"
        // The sections' titles over their columns (a negative width aligns left).
        var sections: [(title: String, columns: [(String, Int)])] = [
            ("", [("municipality", -labelWidth)]),
            ("1 stock (1 January \(year))", [("dwellings", 10), ("social", 8), ("share", 8)]),
        ]
        if hasProgramme { sections.append(("2 new building \(programmeYears)", [("planned", 9), ("social", 8), ("share", 8), ("needed", 8)])) }
        sections.append(("3 lettings", [("accepted", 9), (group, max(8, group.count)), ("share", 8), ("short", 6)]))
        sections.append(("4 fair share (key: \(keyDescription))", [("key", 7), ("group", 7), ("expected", 9), ("gap", 6), ("ratio", 6)]))
        let header = sections.flatMap(\.columns)
        func line(_ cells: [String]) -> String {
            zip(cells, header).map { cell, h in
                let width = abs(h.1), pad = String(repeating: " ", count: max(0, width - cell.count))
                return h.1 < 0 ? cell + pad : pad + cell
            }.joined(separator: " ").trimmingTrailingSpaces + "\n"
        }
        let titles = sections.map { section in
            section.title.padded(section.columns.reduce(0) { $0 + abs($1.1) + 1 } - 1)
        }
        out += titles.joined(separator: " ").trimmingTrailingSpaces + "\n" + line(header.map(\.0))
        for r in municipalities + [region] {
            let mark: (Bool) -> String = { $0 ? "" : "*" }
            var cells = [Self.label(r), "\(r.stock.dwellings)", "\(r.stock.socialRental)", Self.percent(r.stock.share) + mark(r.stock.meetsNorm)]
            if let p = r.programme {
                cells += ["\(p.planned)", "\(p.socialRental)", Self.percent(p.share) + mark(p.meetsNeeded), Self.percent(p.neededShare)]
            } else if hasProgramme {
                cells += ["-", "-", "-", "-"]
            }
            let f = r.fairShare
            cells += ["\(r.lettings.accepted)", "\(r.lettings.toGroup)", Self.percent(r.lettings.share) + mark(r.lettings.meetsFloor),
                      "\(r.lettings.short)", Self.percent(f.keyShare), Self.percent(f.groupShare), Self.formatted(f.expected, decimals: 1),
                      f.gap > 0 ? "+\(f.gap)" : "\(f.gap)", f.ratio.map { Self.formatted($0, decimals: 2) } ?? "-"]
            out += line(cells)
        }
        out += "\nColumns: share = social rental of the dwellings; needed = the social share of the planned dwellings that meets \(Norm(norms.newBuilding).percent) "
            + "and brings the stock to \(Norm(norms.stock).percent); short = more lettings to \(group) that would have reached the floor's share of the accepted ones; key and group = the municipality's part of "
            + "the region's key and of its lettings to \(group); expected = its fair share of those lettings; gap = lettings minus the expected, in whole "
            + "households; ratio = group part / key part (1.00 is its fair share).\n"
        let unreachable = municipalities.filter { $0.programme.map { !$0.canReachStockNorm } ?? false }
        if !unreachable.isEmpty {
            out += "New building alone cannot bring the stock to \(Norm(norms.stock).percent) by \(targetYear) in: \(unreachable.map(Self.label).joined(separator: ", ")).\n"
        }
        let groups = self.groups
        if !groups.isEmpty {
            out += "\nAccepted lettings per group (a household counts in every group it belongs to; `regular` are households in none):\n"
            let widths = groups.map { max(8, $0.count) }
            out += "municipality".padded(labelWidth) + zip(groups, widths).map { " " + String(repeating: " ", count: $1 - $0.count) + $0 }.joined() + "\n"
            for r in municipalities + [region] {
                out += Self.label(r).padded(labelWidth) + zip(groups, widths).map { g, w in
                    let n = "\(r.lettings.perGroup[g] ?? 0)"
                    return " " + String(repeating: " ", count: w - n.count) + n
                }.joined() + "\n"
            }
        }
        let byCode = Dictionary(uniqueKeysWithValues: municipalities.map { ($0.municipality, $0) })
        func ranked(_ codes: [String]) -> String {
            codes.isEmpty ? "none" : codes.compactMap { byCode[$0] }.map { r in
                "\(Self.label(r)) (\(r.fairShare.gap > 0 ? "+" : "")\(r.fairShare.gap), ratio \(r.fairShare.ratio.map { Self.formatted($0, decimals: 2) } ?? "-")"
                    + (r.fairShare.groupLettings + r.fairShare.expectedHouseholds < 2 * MonitorPage.smallNumber ? ", small numbers" : "") + ")"
            }.joined(separator: ", ")
        }
        out += "\nCarry more than their fair share of \(group) (households over): \(ranked(carryingMore))\n"
        out += "Carry less (households under): \(ranked(carryingLess))\n"
        if keys.count > 1 {
            out += "\nFair share under each key (households over + or under -; ratio):\n"
            out += "municipality".padded(labelWidth) + keys.map { " " + $0.key.rawValue.padded(16) }.joined() + "\n"
            for r in municipalities {
                out += Self.label(r).padded(labelWidth)
                for k in keys {
                    let s = k.municipalities.first { $0.municipality == r.municipality }
                    let text = s.map { "\($0.gap > 0 ? "+" : "")\($0.gap) (\($0.ratio.map { Self.formatted($0, decimals: 2) } ?? "-"))" } ?? "-"
                    out += " " + text.padded(16)
                }
                out = out.trimmingTrailingSpaces + (keysDisagree.contains(r.municipality) ? "  keys disagree" : "") + "\n"
            }
        }
        out += withinTable()
        for note in notes { out += "\nNote: \(note.english)\n" }
        return out
    }

    /// The spread within municipalities: one line per municipality with lettings placed in areas.
    func withinTable() -> String {
        guard let level = within.first?.level else { return "" }
        var out = "\nWithin municipalities (per \(level)): D = dissimilarity of the lettings to \(group) and the other lettings over the \(level)en "
            + "(0 alike, 1 apart); concentrated = the \(level)en with the highest social rental share that hold a fifth of the social stock, "
            + "with the share of the lettings to \(group) and of all lettings there; over = \(level)en that received more than their share of the lettings to \(group).\n"
        let width = max(12, within.map { Self.label($0.municipality, $0.name).count }.max() ?? 0)
        out += "municipality".padded(width) + "  areas      D  concentrated: group  all lettings  over their share\n"
        for w in within {
            let placed = w.areas.filter { $0.lettings > 0 }.count
            let d = w.dissimilarity.map { Self.formatted($0, decimals: 2) } ?? "-"
            let over = w.over.prefix(3).compactMap { code in w.areas.first { $0.code == code } }
                .map { "\(Self.label($0.code, $0.name)) (+\($0.gap))" }.joined(separator: ", ") + (w.over.count > 3 ? " and \(w.over.count - 3) more" : "")
            func right(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
            out += Self.label(w.municipality, w.name).padded(width) + "  " + right("\(placed)", 5) + "  " + right(d, 5) + "  "
                + right(Self.percent(w.groupShareConcentrated), 19) + "  " + right(Self.percent(w.lettingsShareConcentrated), 12) + "  "
                + (over.isEmpty ? "none" : over) + (w.unplaced > 0 ? "; \(w.unplaced) letting(s) without a \(w.level)" : "") + "\n"
        }
        return out
    }

    /// `0363 Amsterdam`, or the code alone.
    static func label(_ code: String, _ name: String?) -> String { name.map { "\(code) \($0)" } ?? code }

    /// Tidy CSV: `period,municipality,measure,group,value`, one row per municipality (and
    /// `region`) and measure; an empty value where a share has nothing to divide by.
    public func csv() -> String {
        var out = CSVText.line(["period", "municipality", "measure", "group", "value"])
        func add(_ m: String, _ measure: String, _ value: String, group: String = "") {
            out += CSVText.line([period, m, measure, group, value])
        }
        func number(_ x: Double?) -> String { x.map { Self.formatted($0, decimals: 6) } ?? "" }
        func flag(_ b: Bool) -> String { b ? "1" : "0" }
        add("region", "norm_stock", number(norms.stock))
        add("region", "norm_new_building", number(norms.newBuilding))
        add("region", "norm_lettings_floor", number(norms.lettingsFloor))
        for r in municipalities + [region] {
            let m = r.municipality
            add(m, "stock_dwellings", "\(r.stock.dwellings)")
            add(m, "stock_social_rental", "\(r.stock.socialRental)")
            add(m, "stock_social_share", number(r.stock.share))
            add(m, "stock_meets_norm", flag(r.stock.meetsNorm))
            if let p = r.programme {
                add(m, "programme_planned", "\(p.planned)")
                add(m, "programme_social_rental", "\(p.socialRental)")
                add(m, "programme_social_share", number(p.share))
                add(m, "programme_meets_norm", flag(p.meetsNorm))
                add(m, "programme_needed_social_rental", "\(p.neededSocialRental)")
                add(m, "programme_needed_share", number(p.neededShare))
                add(m, "programme_meets_needed", flag(p.meetsNeeded))
            }
            add(m, "lettings_accepted", "\(r.lettings.accepted)")
            add(m, "lettings_open", "\(r.lettings.open)")
            for g in groups { add(m, "lettings_group", "\(r.lettings.perGroup[g] ?? 0)", group: g) }
            add(m, "lettings_to_group", "\(r.lettings.toGroup)", group: group)
            add(m, "lettings_group_share", number(r.lettings.share), group: group)
            add(m, "lettings_floor_asks", "\(r.lettings.floorAsks)", group: group)
            add(m, "lettings_short", "\(r.lettings.short)", group: group)
            add(m, "lettings_meets_floor", flag(r.lettings.meetsFloor), group: group)
            let f = r.fairShare
            add(m, "fair_key_value", "\(f.keyValue)")
            add(m, "fair_key_share", number(f.keyShare))
            add(m, "fair_group_lettings", "\(f.groupLettings)", group: group)
            add(m, "fair_group_share", number(f.groupShare), group: group)
            add(m, "fair_expected", number(f.expected), group: group)
            add(m, "fair_expected_households", "\(f.expectedHouseholds)", group: group)
            add(m, "fair_gap", "\(f.gap)", group: group)
            add(m, "fair_ratio", number(f.ratio), group: group)
        }
        for w in within {
            let m = w.municipality
            add(m, "within_areas", "\(w.areas.count)")
            add(m, "within_dissimilarity", number(w.dissimilarity), group: group)
            add(m, "within_group_share_concentrated", number(w.groupShareConcentrated), group: group)
            add(m, "within_lettings_share_concentrated", number(w.lettingsShareConcentrated))
            add(m, "within_stock_share_concentrated", number(w.stockShareConcentrated))
            add(m, "within_unplaced", "\(w.unplaced)")
            for a in w.areas {
                add(a.code, "area_lettings", "\(a.lettings)")
                add(a.code, "area_to_group", "\(a.toGroup)", group: group)
                if let social = a.socialRental { add(a.code, "area_social_rental", "\(social)") }
                add(a.code, "area_expected", number(a.expected), group: group)
                add(a.code, "area_gap", "\(a.gap)", group: group)
                add(a.code, "area_ratio", number(a.ratio), group: group)
                add(a.code, "area_concentrated", flag(a.concentrated))
            }
        }
        return out
    }
}

extension String {
    /// Spaces added up to `width` characters.
    func padded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    var trimmingTrailingSpaces: String { String(reversed().drop { $0 == " " }.reversed()) }
}

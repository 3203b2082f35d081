import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport

/// `thuis monitor` on the README's nightly week with a generated stock and programme: every
/// figure of its JSON recomputed here from the files themselves (the stock and programme CSV,
/// the nights' allocations.csv and the answers recorded), by other code than Thuis's.
@Suite struct MonitorFigureTests {
    /// What the test reads from the files, per municipality.
    struct Expected {
        var dwellings = 0, social = 0, inhabitants = 0
        var planned = 0, plannedSocial = 0
        var accepted = 0, open = 0
        var perGroup: [String: Int] = [:]
    }

    static func unquote(_ s: Substring) -> String { s.replacingOccurrences(of: "\"", with: "").trimmingCharacters(in: .whitespaces) }

    /// The figures, read from the week's files without Thuis's readers.
    static func expected(_ week: NightlyWeek) throws -> [String: Expected] {
        var figures: [String: Expected] = [:]
        // The stock: CBS's layout, `;`-separated; the total rows of municipalities for 2026.
        let stockLines = try String(contentsOfFile: week.stock, encoding: .utf8).split(separator: "\n")
        let header = stockLines[0].split(separator: ";").map(unquote)
        let col = { (name: String) in header.firstIndex(of: name)! }
        for line in stockLines.dropFirst() {
            let f = line.split(separator: ";", omittingEmptySubsequences: false)
            let region = unquote(f[col("RegioS")])
            guard region.hasPrefix("GM"), unquote(f[col("StatusVanBewoning")]) == "T001235", unquote(f[col("Perioden")]) == "2026JJ00" else { continue }
            let code = String(region.dropFirst(2))
            figures[code, default: Expected()].dwellings = Int(f[col("TotaleWoningvoorraad_1")])!
            figures[code, default: Expected()].social = Int(f[col("EigendomWoningcorporatie_4")])!
            figures[code, default: Expected()].inhabitants = Int(f[col("AantalInwoners_5")])!
        }
        for line in try String(contentsOfFile: week.programme, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            guard (2026...2030).contains(Int(f[1])!) else { continue }
            figures[String(f[0])]!.planned += Int(f[2])!
            figures[String(f[0])]!.plannedSocial += Int(f[3])!
        }
        // Lettings: an offer in allocations.csv is accepted when its answer says TOE.
        for day in NightlyWeek.days {
            var answer: [String: String] = [:]
            for line in try String(contentsOf: week.answers(day), encoding: .utf8).split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                answer["\(f[0]) \(f[1])"] = String(f[2])
            }
            for line in try String(contentsOf: week.allocations(day), encoding: .utf8).split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                guard f[1] != "" else { continue }
                let municipality = String(f[7])
                switch answer["\(f[0]) \(f[1])"] {
                case "TOE":
                    figures[municipality]!.accepted += 1
                    let groups = f[4].split(separator: ";").map(String.init)
                    for g in groups.isEmpty ? ["regular"] : groups { figures[municipality]!.perGroup[g, default: 0] += 1 }
                case nil: figures[municipality]!.open += 1
                default: break
                }
            }
        }
        return figures
    }

    /// ⌈n / d⌉ for d > 0, n of any sign.
    static func ceilDiv(_ n: Int, _ d: Int) -> Int { n >= 0 ? (n + d - 1) / d : -((-n) / d) }

    @Test("every figure of the monitor's JSON, per municipality and for the region, is what the files give")
    func figures() throws {
        let week = try NightlyWeek.shared.get()
        let outcome = week.monitor { $0.format = .json }
        #expect(outcome.exit == .ok, "\(outcome.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let expected = try Self.expected(week)
        let rows = try #require(json["municipalities"] as? [[String: Any]])
        #expect(rows.map { $0["municipality"] as? String } == expected.keys.sorted())
        #expect(json["key"] as? String == "stock")
        #expect((json["norms"] as? [String: Any])?["lettings_floor"] as? Double == 0.3)
        #expect((json["inputs"] as? [String: Any])?["policy_matches_batches"] as? Bool == true)

        let group = "aandachtsgroepen"
        let groupTotal = expected.values.reduce(0) { $0 + ($1.perGroup[group] ?? 0) }
        let keyTotal = expected.values.reduce(0) { $0 + $1.social }
        // The fair share in whole households, apportioned here one household at a time to the
        // largest remainder of A·k/K (ties: larger key, then code).
        var apportioned = expected.mapValues { groupTotal * $0.social / keyTotal }
        for code in expected.keys.sorted(by: { a, b in
            let (ra, rb) = (groupTotal * expected[a]!.social % keyTotal, groupTotal * expected[b]!.social % keyTotal)
            return ra != rb ? ra > rb : expected[a]!.social != expected[b]!.social ? expected[a]!.social > expected[b]!.social : a < b
        }).prefix(groupTotal - apportioned.values.reduce(0, +)) {
            apportioned[code]! += 1
        }

        for row in rows {
            let code = try #require(row["municipality"] as? String)
            let e = try #require(expected[code])
            let stock = try #require(row["stock"] as? [String: Any])
            #expect(stock["dwellings"] as? Int == e.dwellings, "\(code)")
            #expect(stock["social_rental"] as? Int == e.social, "\(code)")
            // Foundation's JSON parser on Linux may miss the last bit of a shortest-form double.
            #expect(abs((stock["share"] as? Double ?? -1) - Double(e.social) / Double(e.dwellings)) < 1e-15, "\(code)")
            #expect(stock["meets_norm"] as? Bool == (10 * e.social >= 3 * e.dwellings), "\(code)")

            let programme = try #require(row["programme"] as? [String: Any])
            let needed = max(Self.ceilDiv(3 * e.planned, 10), Self.ceilDiv(3 * (e.dwellings + e.planned) - 10 * e.social, 10))
            #expect(programme["planned"] as? Int == e.planned, "\(code)")
            #expect(programme["social_rental"] as? Int == e.plannedSocial, "\(code)")
            #expect(programme["meets_norm"] as? Bool == (10 * e.plannedSocial >= 3 * e.planned), "\(code)")
            #expect(programme["needed_social_rental"] as? Int == needed, "\(code)")
            #expect(programme["meets_needed"] as? Bool == (e.plannedSocial >= needed), "\(code)")
            #expect(programme["can_reach_stock_norm"] as? Bool == (needed <= e.planned), "\(code)")
            // With the stock and the programme's social dwellings the stock reaches 30%, and one fewer does not
            // (unless the 30% of new building asks more).
            #expect(10 * (e.social + needed) >= 3 * (e.dwellings + e.planned), "\(code)")

            let lettings = try #require(row["lettings"] as? [String: Any])
            let toGroup = e.perGroup[group] ?? 0
            #expect(lettings["accepted"] as? Int == e.accepted, "\(code)")
            #expect(lettings["open"] as? Int == e.open, "\(code)")
            #expect(lettings["per_group"] as? [String: Int] == e.perGroup, "\(code)")
            #expect(lettings["to_group"] as? Int == toGroup, "\(code)")
            #expect(lettings["floor_asks"] as? Int == Self.ceilDiv(3 * e.accepted, 10), "\(code)")
            #expect(lettings["short"] as? Int == max(0, Self.ceilDiv(3 * e.accepted, 10) - toGroup), "\(code)")
            #expect(lettings["meets_floor"] as? Bool == (10 * toGroup >= 3 * e.accepted), "\(code)")

            let fair = try #require(row["fair_share"] as? [String: Any])
            #expect(fair["key_value"] as? Int == e.social, "\(code)")
            #expect(fair["group_lettings"] as? Int == toGroup, "\(code)")
            #expect(fair["expected_households"] as? Int == apportioned[code], "\(code)")
            #expect(fair["gap"] as? Int == toGroup - apportioned[code]!, "\(code)")
            let exact = Double(groupTotal) * Double(e.social) / Double(keyTotal)
            #expect(abs((fair["expected"] as? Double ?? -1) - exact) < 1e-9, "\(code)")
            #expect(abs((fair["ratio"] as? Double ?? -1) - Double(toGroup) / exact) < 1e-9, "\(code)")
            #expect(fair["standing"] as? String == (toGroup > apportioned[code]! ? "more" : toGroup < apportioned[code]! ? "less" : "fair"), "\(code)")
        }

        // The region: the sums, a ratio of 1, and the ranking by gap.
        let region = try #require(json["region"] as? [String: Any])
        let fair = try #require(region["fair_share"] as? [String: Any])
        #expect(fair["group_lettings"] as? Int == groupTotal)
        #expect(fair["expected_households"] as? Int == groupTotal)
        #expect(fair["gap"] as? Int == 0)
        #expect(fair["ratio"] as? Double == 1)
        #expect((region["stock"] as? [String: Any])?["dwellings"] as? Int == expected.values.reduce(0) { $0 + $1.dwellings })
        #expect((region["lettings"] as? [String: Any])?["accepted"] as? Int == expected.values.reduce(0) { $0 + $1.accepted })
        let gaps = apportioned.map { ($0.key, (expected[$0.key]!.perGroup[group] ?? 0) - $0.value) }
        #expect(json["carrying_more"] as? [String] == gaps.filter { $0.1 > 0 }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0))
        #expect(json["carrying_less"] as? [String] == gaps.filter { $0.1 < 0 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0))
    }

    @Test("the fair shares add up to the region's lettings to the group exactly, under each key; the gaps to zero")
    func fairShareSums() throws {
        let week = try NightlyWeek.shared.get()
        for key in FairShare.Key.allCases {
            let outcome = week.monitor { $0.format = .json; $0.key = key }
            #expect(outcome.exit == .ok, "\(outcome.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
            let rows = try #require(json["municipalities"] as? [[String: Any]]).compactMap { $0["fair_share"] as? [String: Any] }
            let region = try #require((json["region"] as? [String: Any])?["fair_share"] as? [String: Any])
            let total = try #require(region["group_lettings"] as? Int)
            #expect(total > 0)
            #expect(rows.reduce(0) { $0 + ($1["expected_households"] as! Int) } == total, "\(key)")
            #expect(rows.reduce(0) { $0 + ($1["gap"] as! Int) } == 0, "\(key)")
            #expect(rows.reduce(0) { $0 + ($1["group_lettings"] as! Int) } == total, "\(key)")
            #expect(rows.reduce(0) { $0 + ($1["key_value"] as! Int) } == region["key_value"] as? Int, "\(key)")
            // The ratios weighted by the key parts are the region's ratio, 1.
            let weighted = rows.reduce(0.0) { $0 + ($1["ratio"] as? Double ?? 0) * ($1["key_share"] as? Double ?? 0) }
            #expect(abs(weighted - 1) < 1e-9, "\(key)")
        }
    }

    @Test("the CSV is tidy (one value per municipality and measure) and holds the JSON's figures; the table names every municipality")
    func formats() throws {
        let week = try NightlyWeek.shared.get()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(week.monitor { $0.format = .json }.stdout.utf8)) as? [String: Any])
        let csv = week.monitor { $0.format = .csv }.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(csv[0] == ["period", "municipality", "measure", "group", "value"])
        var seen: Set<String> = []
        for row in csv.dropFirst() {
            #expect(row.count == 5)
            #expect(seen.insert("\(row[1]) \(row[2]) \(row[3])").inserted, "\(row) twice")
        }
        func value(_ m: String, _ measure: String, _ group: String = "") -> String? {
            csv.first { $0[1] == m && $0[2] == measure && $0[3] == group }?[4]
        }
        for row in try #require(json["municipalities"] as? [[String: Any]]) {
            let code = row["municipality"] as! String
            let fair = row["fair_share"] as! [String: Any], stock = row["stock"] as! [String: Any]
            #expect(value(code, "stock_dwellings") == "\(stock["dwellings"] as! Int)")
            #expect(value(code, "fair_gap", "aandachtsgroepen") == "\(fair["gap"] as! Int)")
            #expect(value(code, "fair_expected_households", "aandachtsgroepen") == "\(fair["expected_households"] as! Int)")
            for (g, n) in (row["lettings"] as! [String: Any])["per_group"] as! [String: Int] {
                #expect(value(code, "lettings_group", g) == "\(n)")
            }
        }
        let table = week.monitor().stdout
        for row in try #require(json["municipalities"] as? [[String: Any]]) {
            #expect(table.contains("\n\(row["municipality"] as! String) "))
        }
        #expect(table.contains("\nregion "))
    }

    @Test("the same inputs give byte-identical outputs")
    func deterministic() throws {
        let week = try NightlyWeek.shared.get()
        for format in MonitorCommand.Format.allCases {
            #expect(week.monitor { $0.format = format }.stdout == week.monitor { $0.format = format }.stdout)
        }
    }
}

/// `Documentation/monitor.md` documents every output column: each CSV measure and JSON key the
/// monitor writes is named there.
@Suite struct MonitorDocTests {
    @Test("every measure of the tidy CSV and every key of the JSON is in Documentation/monitor.md")
    func documented() throws {
        let week = try NightlyWeek.shared.get()
        let doc = try String(contentsOf: Fixtures.root.appendingPathComponent("Documentation/monitor.md"), encoding: .utf8)
        let measures = Set(week.monitor { $0.format = .csv }.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] })
        #expect(measures.count > 25)
        for measure in measures { #expect(doc.contains("`\(measure)`"), "\(measure)") }
        var keys: Set<String> = []
        func collect(_ value: Any, under parent: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object where parent != "per_group" {
                    keys.insert(key)
                    collect(child, under: key)
                }
            } else if let array = value as? [Any] {
                for child in array { collect(child, under: parent) }
            }
        }
        collect(try JSONSerialization.jsonObject(with: Data(week.monitor { $0.format = .json }.stdout.utf8)), under: "")
        #expect(keys.count > 40)
        for key in keys {
            // As itself, after its parent (`inputs.ledger`, `.share`), or as a parent (`norms.stock`, `municipalities[]`).
            let forms = ["`\(key)`", ".\(key)`", ".\(key),", "`…\(key)`", "`\(key).", "`…\(key).", "`\(key)[]`"]
            #expect(forms.contains { doc.contains($0) }, "\(key)")
        }
    }
}

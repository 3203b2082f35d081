import Foundation
import GRDB
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports

/// `thuis report --ledger PATH --period 2026|2026-H1|2026-H2 [--policy FILE] [--format table|csv|json]`:
/// what the ledger holds for a period, per municipality and corporation and for the region.
public struct ReportCommand: Sendable {
    public enum Format: String, Sendable, CaseIterable { case table, csv, json }

    public var ledgerPath: String
    public var period: String
    /// For the targets of the quotas and the legal minimums (defaults without it).
    public var policyPath: String?
    public var format = Format.table

    public init(ledgerPath: String, period: String) {
        self.ledgerPath = ledgerPath
        self.period = period
    }

    /// One scope's figures.
    public struct Row: Codable, Sendable, Equatable {
        public var scope: String
        /// Offers made in the period (open, accepted, refused or withdrawn).
        public var offers: Int
        public var accepted: Int
        public var open: Int
        public var refused: Int
        public var withdrawn: Int
        /// Accepted lettings per group (and `regular`).
        public var acceptedPerGroup: [String: Int]
        /// Persons housed per group (accepted).
        public var personsPerGroup: [String: Int]
        public var daebWithin: Int
        public var daebSocial: Int
        public var passendAtOrUnderCap: Int
        public var passendBenefitEligible: Int
    }

    public struct QuotaRow: Codable, Sendable, Equatable {
        public var quota: String, scope: String, unit: String, target: Int, achieved: Int, carryOver: Int, shortfall: Int
    }

    public struct AdvertRow: Codable, Sendable, Equatable {
        public var advert: String, refusals: Int, acceptedPosition: Int?, acceptedBy: String?
    }

    public struct Report: Codable, Sendable {
        public var period: String
        public var from: String
        public var until: String
        public var daebMinimumShare: Double
        public var passendMinimumShare: Double
        public var rows: [Row]
        public var quotas: [QuotaRow]
        public var adverts: [AdvertRow]
    }

    public func run() -> CommandOutcome {
        guard let (from, until) = ReportCommand.bounds(period) else {
            return CommandOutcome(exit: .usage, stderr: Diagnostic.error(.usage, "--period is a year (2026) or a half-year (2026-H1, 2026-H2)", at: nil).description + "\n")
        }
        var policy = Policy()
        if let policyPath {
            switch PolicyFile.load(policyPath) {
            case .success(let p): policy = p
            case .failure(let problems): return CommandOutcome(exit: .dataError, stderr: problems.diagnostics.map { "\($0)\n" }.joined())
            }
        }
        guard FileManager.default.fileExists(atPath: ledgerPath) else {
            return CommandOutcome(exit: .noInput, stderr: Diagnostic.error(.fileNotFound, "no ledger at \(ledgerPath)", at: nil).description + "\n")
        }
        do {
            let ledger = try Ledger(path: ledgerPath)
            let offers = try ledger.read { try $0.offers(from: from, until: until) }
            // A half-year task owes what the previous half-year fell short of.
            var previous: [GRDB.Row] = []
            if let (start, end) = ReportCommand.previousHalf(period) {
                previous = try ledger.read { try $0.offers(from: start, until: end) }
            }
            let report = ReportCommand.build(offers, previous: previous, policy: policy, period: period, from: from, until: until)
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                return CommandOutcome(exit: .ok, stdout: String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
            case .csv: return CommandOutcome(exit: .ok, stdout: ReportCommand.csv(report))
            case .table: return CommandOutcome(exit: .ok, stdout: ReportCommand.table(report))
            }
        } catch {
            return CommandOutcome(exit: .cannotCreate, stderr: Diagnostic.error(.ledgerFailed, "\(error)", at: nil).description + "\n")
        }
    }

    /// First day and the day after the last of a period.
    static func bounds(_ period: String) -> (String, String)? {
        let parts = period.split(separator: "-")
        guard let year = Int(parts.first ?? ""), (2000...2100).contains(year) else { return nil }
        if parts.count == 1 { return ("\(year)-01-01", "\(year + 1)-01-01") }
        if parts.count == 2, parts[1] == "H1" { return ("\(year)-01-01", "\(year)-07-01") }
        if parts.count == 2, parts[1] == "H2" { return ("\(year)-07-01", "\(year + 1)-01-01") }
        return nil
    }

    /// The half-year before a half-year period, if the period is one.
    static func previousHalf(_ period: String) -> (String, String)? {
        let parts = period.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]) else { return nil }
        return parts[1] == "H1" ? ("\(year - 1)-07-01", "\(year)-01-01") : parts[1] == "H2" ? ("\(year)-01-01", "\(year)-07-01") : nil
    }

    static func build(_ offers: [GRDB.Row], previous: [GRDB.Row] = [], policy: Policy, period: String, from: String, until: String) -> Report {
        var rows: [String: Row] = [:]
        func add(_ scope: String, _ o: GRDB.Row) {
            var row = rows[scope] ?? Row(scope: scope, offers: 0, accepted: 0, open: 0, refused: 0, withdrawn: 0, acceptedPerGroup: [:],
                                         personsPerGroup: [:], daebWithin: 0, daebSocial: 0, passendAtOrUnderCap: 0, passendBenefitEligible: 0)
            row.offers += 1
            switch o["status"] as String {
            case "TOE":
                row.accepted += 1
                let groups = (o["groups"] as String).split(separator: ";").map(String.init)
                for g in groups.isEmpty ? ["regular"] : groups {
                    row.acceptedPerGroup[g, default: 0] += 1
                    row.personsPerGroup[g, default: 0] += o["persons"] as Int
                }
                if o["social"] as Bool {
                    row.daebSocial += 1
                    if !(o["above_daeb"] as Bool) { row.daebWithin += 1 }
                }
                if o["benefit_eligible"] as Bool {
                    row.passendBenefitEligible += 1
                    if !(o["passend_exception"] as Bool) { row.passendAtOrUnderCap += 1 }
                }
            case "GEW": row.refused += 1
            case "ING": row.withdrawn += 1
            default: row.open += 1
            }
            rows[scope] = row
        }
        var adverts: [String: AdvertRow] = [:]
        for o in offers {
            add("municipality \(o["municipality"] as String)", o)
            add("corporation \(o["corporation"] as String)", o)
            add("region", o)
            let advert = o["advert_id"] as String
            var a = adverts[advert] ?? AdvertRow(advert: advert, refusals: 0, acceptedPosition: nil, acceptedBy: nil)
            if (o["status"] as String) == "GEW" { a.refusals += 1 }
            if (o["status"] as String) == "TOE" {
                a.acceptedPosition = o["position"]
                a.acceptedBy = o["household_id"]
            }
            adverts[advert] = a
        }
        // Accepted lettings (count, group count in the quota's unit) of the previous half-year, per scope.
        func previousTally(_ quota: Quota, _ value: String) -> (Int, Int) {
            var lettings = 0, group = 0
            for o in previous where (o["status"] as String) == "TOE" {
                let scope = quota.scope == .region ? "region" : quota.scope == .municipality ? o["municipality"] as String : o["corporation"] as String
                guard scope == value else { continue }
                lettings += 1
                if (o["groups"] as String).split(separator: ";").contains(Substring(quota.group)) {
                    group += quota.unit == .persons ? o["persons"] as Int : 1
                }
            }
            return (lettings, group)
        }
        var quotas: [QuotaRow] = []
        for quota in policy.quotas where quota.kind == .floor {
            let prefix = quota.scope == .region ? "region" : "\(quota.scope.rawValue) "
            for row in rows.values.filter({ quota.scope == .region ? $0.scope == "region" : $0.scope.hasPrefix(prefix) }).sorted(by: { $0.scope < $1.scope }) {
                let achieved = quota.unit == .persons ? row.personsPerGroup[quota.group, default: 0] : row.acceptedPerGroup[quota.group, default: 0]
                let value = row.scope == "region" ? "region" : String(row.scope.split(separator: " ").last!)
                let given = quota.soFar.first { $0.scopeValue == value }
                let base: Int
                switch quota.amount {
                case .count(let n): base = n
                case .share(let share): base = Int((share * Double(row.accepted) - 1e-9).rounded(.up))
                }
                var carry = given?.carryOver ?? 0
                if quota.period == .halfYear && !previous.isEmpty {
                    let (lettings, group) = previousTally(quota, value)
                    let owed: Int
                    switch quota.amount {
                    case .count(let n): owed = n
                    case .share(let share): owed = Int((share * Double(lettings) - 1e-9).rounded(.up))
                    }
                    carry += max(0, owed - group)
                }
                quotas.append(QuotaRow(quota: quota.name, scope: row.scope, unit: quota.unit.rawValue, target: base + carry,
                                       achieved: achieved, carryOver: carry, shortfall: max(0, base + carry - achieved)))
            }
        }
        let order: (Row, Row) -> Bool = { a, b in
            func rank(_ s: String) -> Int { s == "region" ? 2 : s.hasPrefix("municipality") ? 0 : 1 }
            return (rank(a.scope), a.scope) < (rank(b.scope), b.scope)
        }
        return Report(period: period, from: from, until: until, daebMinimumShare: policy.law.daebMinimumShare,
                      passendMinimumShare: policy.law.passendMinimumShare, rows: rows.values.sorted(by: order), quotas: quotas,
                      adverts: adverts.values.filter { $0.refusals > 0 || $0.acceptedPosition != nil }.sorted { $0.advert < $1.advert })
    }

    static func share(_ n: Int, _ of: Int) -> String { of == 0 ? "-" : String(format: "%.1f%%", Double(n) * 100 / Double(of)) }

    static func groups(_ report: Report) -> [String] {
        Array(Set(report.rows.flatMap(\.acceptedPerGroup.keys))).sorted()
    }

    static func csv(_ report: Report) -> String {
        let groups = groups(report)
        var out = CSVText.line(["scope", "offers", "accepted", "open", "refused", "withdrawn"] + groups.map { "accepted_\($0)" }
                               + ["daeb_within", "daeb_social", "passend_at_or_under_cap", "passend_benefit_eligible"])
        for r in report.rows {
            out += CSVText.line([r.scope, "\(r.offers)", "\(r.accepted)", "\(r.open)", "\(r.refused)", "\(r.withdrawn)"]
                                + groups.map { "\(r.acceptedPerGroup[$0, default: 0])" }
                                + ["\(r.daebWithin)", "\(r.daebSocial)", "\(r.passendAtOrUnderCap)", "\(r.passendBenefitEligible)"])
        }
        return out
    }

    static func table(_ report: Report) -> String {
        let groups = groups(report)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func right(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var out = "Period \(report.period) (\(report.from) up to \(report.until)): accepted lettings; open offers not yet answered\n\n"
        out += pad("scope", 22) + ["offers", "accepted", "open", "refused"].map { right($0, 9) }.joined()
            + groups.map { right($0, max(9, $0.count + 1)) }.joined()
            + right("DAEB", 9) + right("passend", 9) + "\n"
        for r in report.rows {
            out += pad(r.scope, 22) + [r.offers, r.accepted, r.open, r.refused].map { right("\($0)", 9) }.joined()
                + groups.map { right("\(r.acceptedPerGroup[$0, default: 0])", max(9, $0.count + 1)) }.joined()
                + right(share(r.daebWithin, r.daebSocial), 9) + right(share(r.passendAtOrUnderCap, r.passendBenefitEligible), 9) + "\n"
        }
        out += "\nLegal minimums: DAEB \(String(format: "%.1f%%", report.daebMinimumShare * 100)) per corporation, passend \(String(format: "%.0f%%", report.passendMinimumShare * 100))\n"
        if !report.quotas.isEmpty {
            out += "\nQuotas (floors) against accepted lettings:\n"
            for q in report.quotas {
                out += "  \(q.quota) \(q.scope): target \(q.target) \(q.unit)\(q.carryOver > 0 ? " (\(q.carryOver) carried over)" : ""), achieved \(q.achieved)\(q.shortfall > 0 ? ", short \(q.shortfall)" : "")\n"
            }
        }
        let refused = report.adverts.filter { $0.refusals > 0 }
        if !refused.isEmpty {
            out += "\nRefusals per advert (and the place of the household that accepted):\n"
            for a in refused {
                out += "  \(a.advert): \(a.refusals) refusal(s)" + (a.acceptedPosition.map { ", accepted by number \($0)" } ?? "") + "\n"
            }
        }
        return out
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// What the ledger holds for a period, per municipality and corporation and for the region:
/// offers and their outcomes, accepted lettings per group, the legal shares, the floors against
/// their targets (with a half-year task's carry-over), refusals per advert.
public struct PeriodReport: Codable, Sendable {
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

    public var period: String
    public var from: String
    public var until: String
    public var daebMinimumShare: Double
    public var passendMinimumShare: Double
    public var rows: [Row]
    public var quotas: [QuotaRow]
    public var adverts: [AdvertRow]

    /// The report of `offers` made in `period`; `previous` are the offers of the half-year before
    /// (for a half-year period), whose accepted lettings decide what a half-year task carries over.
    public init(_ offers: [RecordedOffer], previous: [RecordedOffer] = [], policy: Policy, period: ReportingPeriod) {
        var rows: [String: Row] = [:]
        func add(_ scope: String, _ o: RecordedOffer) {
            var row = rows[scope] ?? Row(scope: scope, offers: 0, accepted: 0, open: 0, refused: 0, withdrawn: 0, acceptedPerGroup: [:],
                                         personsPerGroup: [:], daebWithin: 0, daebSocial: 0, passendAtOrUnderCap: 0, passendBenefitEligible: 0)
            row.offers += 1
            let letting = o.offer.letting
            switch o.status {
            case .allocated:
                row.accepted += 1
                for g in letting.groups.isEmpty ? ["regular"] : letting.groups.sorted() {
                    row.acceptedPerGroup[g, default: 0] += 1
                    row.personsPerGroup[g, default: 0] += letting.persons
                }
                if letting.social {
                    row.daebSocial += 1
                    if !letting.aboveDaebLimit { row.daebWithin += 1 }
                }
                if letting.benefitEligible {
                    row.passendBenefitEligible += 1
                    if !letting.passendException { row.passendAtOrUnderCap += 1 }
                }
            case .refused: row.refused += 1
            case .withdrawn: row.withdrawn += 1
            case .offered: row.open += 1
            }
            rows[scope] = row
        }
        var adverts: [String: AdvertRow] = [:]
        for o in offers {
            add("municipality \(o.offer.letting.municipality)", o)
            add("corporation \(o.offer.letting.corporation)", o)
            add("region", o)
            let advert = o.offer.advert
            var a = adverts[advert] ?? AdvertRow(advert: advert, refusals: 0, acceptedPosition: nil, acceptedBy: nil)
            if o.status == .refused { a.refusals += 1 }
            if o.status == .allocated {
                a.acceptedPosition = o.offer.position
                a.acceptedBy = o.offer.household
            }
            adverts[advert] = a
        }
        let given = PeriodState(given: policy)
        let previousLettings = previous.filter { $0.status == .allocated }.map(\.offer.letting)
        var quotas: [QuotaRow] = []
        for quota in policy.quotas where quota.kind == .floor {
            let prefix = quota.scope == .region ? "region" : "\(quota.scope.rawValue) "
            // A half-year task owes what the previous half-year's accepted lettings fell short of.
            let previousFigures = quota.period == .halfYear && !previous.isEmpty ? PeriodFigures.tally(previousLettings, quota) : nil
            for row in rows.values.filter({ quota.scope == .region ? $0.scope == "region" : $0.scope.hasPrefix(prefix) }).sorted(by: { $0.scope < $1.scope }) {
                let achieved = quota.unit == .persons ? row.personsPerGroup[quota.group, default: 0] : row.acceptedPerGroup[quota.group, default: 0]
                let value = row.scope == "region" ? "region" : String(row.scope.split(separator: " ").last!)
                let base = quota.amount.least(of: row.accepted)
                var carry = given.quota(quota, value).carryOver
                if let previousFigures {
                    carry += PeriodFigures.shortfall(quota, previousFigures[value] ?? Quota.SoFar(scopeValue: value, lettings: 0, group: 0))
                }
                quotas.append(QuotaRow(quota: quota.name, scope: row.scope, unit: quota.unit.rawValue, target: base + carry,
                                       achieved: achieved, carryOver: carry, shortfall: max(0, base + carry - achieved)))
            }
        }
        let order: (Row, Row) -> Bool = { a, b in
            func rank(_ s: String) -> Int { s == "region" ? 2 : s.hasPrefix("municipality") ? 0 : 1 }
            return (rank(a.scope), a.scope) < (rank(b.scope), b.scope)
        }
        self.period = period.description
        from = period.from.description
        until = period.until.description
        daebMinimumShare = policy.law.daebMinimumShare
        passendMinimumShare = policy.law.passendMinimumShare
        self.rows = rows.values.sorted(by: order)
        self.quotas = quotas
        self.adverts = adverts.values.filter { $0.refusals > 0 || $0.acceptedPosition != nil }.sorted { $0.advert < $1.advert }
    }

    static func share(_ n: Int, _ of: Int) -> String { of == 0 ? "-" : String(format: "%.1f%%", Double(n) * 100 / Double(of)) }

    /// The groups with accepted lettings, by name.
    var groups: [String] {
        Array(Set(rows.flatMap(\.acceptedPerGroup.keys))).sorted()
    }

    /// A row per scope.
    public func csv() -> String {
        let report = self
        var out = CSVText.line(["scope", "offers", "accepted", "open", "refused", "withdrawn"] + groups.map { "accepted_\($0)" }
                               + ["daeb_within", "daeb_social", "passend_at_or_under_cap", "passend_benefit_eligible"])
        for r in report.rows {
            out += CSVText.line([r.scope, "\(r.offers)", "\(r.accepted)", "\(r.open)", "\(r.refused)", "\(r.withdrawn)"]
                                + groups.map { "\(r.acceptedPerGroup[$0, default: 0])" }
                                + ["\(r.daebWithin)", "\(r.daebSocial)", "\(r.passendAtOrUnderCap)", "\(r.passendBenefitEligible)"])
        }
        return out
    }

    /// The table people read.
    public func table() -> String {
        let report = self
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func right(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var out = "Period \(report.period) (\(report.from) up to \(report.until)): accepted lettings; open offers not yet answered\n\n"
        out += pad("scope", 22) + ["offers", "accepted", "open", "refused"].map { right($0, 9) }.joined()
            + groups.map { right($0, max(9, $0.count + 1)) }.joined()
            + right("DAEB", 9) + right("passend", 9) + "\n"
        for r in report.rows {
            out += pad(r.scope, 22) + [r.offers, r.accepted, r.open, r.refused].map { right("\($0)", 9) }.joined()
                + groups.map { right("\(r.acceptedPerGroup[$0, default: 0])", max(9, $0.count + 1)) }.joined()
                + right(Self.share(r.daebWithin, r.daebSocial), 9) + right(Self.share(r.passendAtOrUnderCap, r.passendBenefitEligible), 9) + "\n"
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

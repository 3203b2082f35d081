import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile

/// `thuis report --ledger PATH --period 2026|2026-H1|2026-H2 [--policy FILE] [--format table|csv|json]`:
/// what the ledger holds for a period, per municipality and corporation and for the region.
public struct ReportCommand: ThuisCommand {
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

    public func execute() throws -> CommandOutcome {
        guard let period = ReportingPeriod(period) else {
            throw CommandFailure.usage("--period is a year (2026) or a half-year (2026-H1, 2026-H2)")
        }
        let policy = try policyPath.map { try PolicyFile.load($0).get() } ?? Policy()
        let ledger = try Ledger(path: ledgerPath)
        let offers = try ledger.read { try $0.offers(from: period.from.description, until: period.until.description) }
        let previous = try period.previousHalf.map { half in
            try ledger.read { try $0.offers(from: half.from.description, until: half.until.description) }
        } ?? []
        let report = PeriodReport(offers, previous: previous, policy: policy, period: period)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return CommandOutcome(exit: .ok, stdout: String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        case .csv: return CommandOutcome(exit: .ok, stdout: report.csv())
        case .table: return CommandOutcome(exit: .ok, stdout: report.table())
        }
    }
}

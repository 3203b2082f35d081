import Foundation
import ThuisCore

/// The summary `thuis validate` prints, as text or JSON.
enum ValidationReport {
    static func text(_ result: IngestResult, market: Market, files: [String], rejects: String?) -> String {
        let s = MarketSummary(market)
        var out = ""
        let encodings = files.map { "\($0) (\(result.encodings[$0] ?? "UTF-8"))" }.joined(separator: ", ")
        out += "Batch \(s.region), peildatum \(s.referenceDate), read from \(encodings)\n"
        out += "\(s.municipalities) municipalities, \(s.corporations) corporations\n\n"
        out += pad("entity", 12) + pad("read", 10, right: true) + pad("accepted", 10, right: true) + pad("rejected", 10, right: true) + "\n"
        for entity in EntityKind.allCases {
            let read = result.read[entity] ?? 0, accepted = result.accepted[entity] ?? 0
            out += pad(entity.rawValue, 12) + pad(String(read), 10, right: true) + pad(String(accepted), 10, right: true)
                + pad(String(result.rejected(entity)), 10, right: true) + "\n"
        }
        if !result.setAside.isEmpty {
            let parts = EntityKind.allCases.compactMap { e in result.setAside[e].flatMap { $0 > 0 ? "\(e.rawValue) \($0)" : nil } }
            out += "Set aside (publications not for this peildatum, with their reactions and offers; see the warnings): \(parts.joined(separator: ", "))\n"
        }
        out += "\nAdverts per model: " + s.advertsPerModel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        out += "Households: \(s.households) (\(s.persons) persons), priority statuses: \(s.priorityStatuses)\n"
        out += "Households with a priority valid on the peildatum, per category:\n"
        if s.householdsWithPriority.isEmpty { out += "  none\n" }
        for (category, count) in s.householdsWithPriority.sorted(by: { $0.key < $1.key }) {
            let valid = s.householdsWithValidPriority[category] ?? 0
            out += "  \(category)  \(valid)" + (valid == count ? "" : " (and \(count - valid) with a status not valid then)") + "\n"
        }
        let r = s.reactionsPerAdvert
        out += "Reactions per advert: min \(r.min), median \(format(r.median)), max \(r.max)\n"
        if result.warnings.count > 0 { out += "Warnings: \(result.warnings.count) (see stderr)\n" }
        if let rejects {
            out += "Rejected records: \(result.rejections.count), written to \(rejects)\n"
        }
        return out
    }

    static func json(_ result: IngestResult, files: [String], rejects: String?, exit: SysExit) throws -> String {
        struct Counts: Encodable { var read: Int, accepted: Int, rejected: Int }
        struct Item: Encodable {
            var severity: String, code: String, message: String, file: String?, line: Int?, column: Int?
        }
        struct Report: Encodable {
            var valid: Bool
            var exitCode: Int32
            var files: [String]
            var encodings: [String: String]
            var summary: MarketSummary?
            var counts: [String: Counts]
            var errors: [Item]
            var warnings: [Item]
            var rejectsFile: String?
            var setAside: [String: Int]?
        }
        func item(_ d: Diagnostic) -> Item {
            Item(severity: d.severity.rawValue, code: d.code.rawValue, message: d.message, file: d.location?.file,
                 line: d.location?.line, column: d.location?.column)
        }
        var counts: [String: Counts] = [:]
        for entity in EntityKind.allCases {
            counts[entity.rawValue] = Counts(read: result.read[entity] ?? 0, accepted: result.accepted[entity] ?? 0,
                                             rejected: result.rejected(entity))
        }
        let report = Report(valid: result.market != nil, exitCode: exit.rawValue, files: files, encodings: result.encodings,
                            summary: result.market.map(MarketSummary.init), counts: counts,
                            errors: result.errors.map(item), warnings: result.warnings.map(item), rejectsFile: rejects,
                            setAside: result.setAside.isEmpty ? nil : Dictionary(uniqueKeysWithValues: result.setAside.map { ($0.key.rawValue, $0.value) }))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

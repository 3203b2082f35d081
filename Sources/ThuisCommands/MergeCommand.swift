import Foundation
import ThuisCore
import ThuisReports

/// `thuis merge --out DIR SHARD...`: joins the shard outputs of one sweep (`sweep.csv`) or one
/// multi-seed simulation (`runs.csv`) into the single-process result.
public struct MergeCommand: ThuisCommand {
    public var shards: [String]
    public var outPath: String
    /// Also write the page of the merged result (the one the single process writes).
    public var htmlPath: String?

    public init(shards: [String], outPath: String) {
        self.shards = shards
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
        if let htmlPath { try OutputFolder.requirePath(htmlPath, option: "--html") }
        var header: [String]?, summary: SweepSummary?, rows: [(Int, String)] = []
        let name = shards.first.map { FileManager.default.fileExists(atPath: URL(fileURLWithPath: $0).appendingPathComponent("runs.csv").path) } == true
            ? "runs.csv" : "sweep.csv"
        for folder in shards {
            let url = URL(fileURLWithPath: folder)
            guard let csvData = FileManager.default.contents(atPath: url.appendingPathComponent(name).path),
                  let summaryData = FileManager.default.contents(atPath: url.appendingPathComponent("summary.json").path),
                  var shardSummary = try? JSONDecoder().decode(SweepSummary.self, from: summaryData) else {
                throw CommandFailure(.fileNotFound, "\(folder) is not the output of thuis sweep or simulate --seeds")
            }
            shardSummary.shard = nil
            if let summary, summary != shardSummary {
                throw CommandFailure(.batchMismatch, "\(folder) is a shard of another sweep")
            }
            summary = shardSummary
            let file = url.appendingPathComponent(name).path
            let records = try CSVReader.records([UInt8](csvData), file: file)
            guard let first = records.first?.map(\.text), header == nil || header == first else {
                throw CommandFailure(.batchMismatch, "\(folder) has other columns")
            }
            header = first
            for fields in records.dropFirst() {
                guard fields.count == first.count, let index = Int(fields[0].text), index >= 0 else {
                    throw CommandFailure(.invalidValue, "not a row of \(name): \(first.count) fields starting with the scenario number",
                                         at: SourceLocation(file: file, line: fields[0].line, column: fields[0].column))
                }
                rows.append((index, CSVText.line(fields.map(\.text))))
            }
        }
        guard let header, let summary else {
            throw CommandFailure(.usage, "give the shard folders to merge")
        }
        // Stable: a scenario's rows (one per group in runs.csv) keep their order.
        rows = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        var indices: [Int] = []
        for (index, _) in rows where indices.last != index { indices.append(index) }
        guard indices == Array(0..<summary.scenarios), Set(indices).count == indices.count else {
            throw CommandFailure(.missingField, "the shards hold \(indices.count) of \(summary.scenarios) scenarios, or some twice")
        }
        let csv = Array((CSVText.line(header) + rows.map(\.1).joined()).utf8)
        try OutputFolder.commit([(name, csv), ("summary.json", Array(summary.json().utf8))], to: outPath)
        var written = "Merged \(shards.count) shard(s): \(indices.count) scenario(s) written to \(outPath)/\(name)\n"
        if let htmlPath {
            try AtomicFile.write(try MergeCommand.page(csv, file: outPath + "/" + name, kind: name, summary), to: htmlPath)
            written += "and the page to \(htmlPath)\n"
        }
        return CommandOutcome(exit: .ok, stdout: written)
    }

    /// The page of a sweep's or a simulation's CSV: the same for one process and for merged shards.
    static func page(_ csv: [UInt8], file: String, kind: String, _ summary: SweepSummary) throws -> String {
        do {
            if kind == "runs.csv" { return try RunsPage.html(csv: csv, file: file, title: summary.pageTitle) }
            let knobs = summary.vary.map { String($0.prefix { $0 != "=" }) }
            return SweepPage.html(csv: String(decoding: csv, as: UTF8.self), knobs: knobs, title: summary.pageTitle, group: summary.group ?? "priority")
        } catch let diagnostic as Diagnostic {
            throw CommandFailure([diagnostic])
        }
    }
}

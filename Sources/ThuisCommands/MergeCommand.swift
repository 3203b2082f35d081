import Foundation
import ThuisCore
import ThuisReports

/// `thuis merge --out DIR SHARD...`: joins the shard outputs of one sweep (`sweep.csv`) or one
/// multi-seed simulation (`runs.csv`) into the single-process result.
public struct MergeCommand: ThuisCommand {
    public var shards: [String]
    public var outPath: String

    public init(shards: [String], outPath: String) {
        self.shards = shards
        self.outPath = outPath
    }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
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
        try OutputFolder.commit([(name, Array((CSVText.line(header) + rows.map(\.1).joined()).utf8)), ("summary.json", Array(summary.json().utf8))], to: outPath)
        return CommandOutcome(exit: .ok, stdout: "Merged \(shards.count) shard(s): \(indices.count) scenario(s) written to \(outPath)/\(name)\n")
    }
}

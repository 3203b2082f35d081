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
        try OutputFolder.requireApart(outPath, option: "--out", from: shards)
        if let htmlPath { try OwnFile.page.requireReplaceable(htmlPath, option: "--html", inputs: shards) }
        guard !shards.isEmpty else { throw CommandFailure(.usage, "give the shard folders to merge") }
        let name = FileManager.default.fileExists(atPath: URL(fileURLWithPath: shards[0]).appendingPathComponent("runs.csv").path)
            ? "runs.csv" : "sweep.csv"
        var summary: SweepSummary?
        for folder in shards {
            guard let data = FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent("summary.json").path),
                  var shardSummary = try? JSONDecoder().decode(SweepSummary.self, from: data),
                  FileManager.default.fileExists(atPath: URL(fileURLWithPath: folder).appendingPathComponent(name).path) else {
                throw CommandFailure(.fileNotFound, "\(folder) is not the output of thuis sweep or simulate --seeds")
            }
            shardSummary.shard = nil
            if let summary, summary != shardSummary { throw CommandFailure(.batchMismatch, "\(folder) is a shard of another sweep") }
            summary = shardSummary
        }
        let scenarios = summary!.scenarios
        let csv = try join(name, scenarios: scenarios)
        var files = [(name, csv)]
        // The long table, when the shards wrote one.
        var differences: SweepDifferences?
        if shards.allSatisfy({ FileManager.default.fileExists(atPath: URL(fileURLWithPath: $0).appendingPathComponent("measures.csv").path) }) {
            let measures = try join("measures.csv", scenarios: scenarios)
            files.append(("measures.csv", measures))
            differences = try MergeCommand.differences(measures, file: outPath + "/measures.csv", summary!)
            if let differences { files.append(("differences.csv", Array(differences.csv().utf8))) }
        }
        files.append(("summary.json", Array(try summary!.json().utf8)))
        try OutputFolder.commit(files, to: outPath)
        var written = "Merged \(shards.count) shard(s): \(scenarios) scenario(s) written to \(outPath)/\(files.dropLast().map(\.0).joined(separator: ", "))\n"
        if let htmlPath {
            try AtomicFile.write(try MergeCommand.page(csv, file: outPath + "/" + name, kind: name, summary!, differences: differences), to: htmlPath)
            written += "and the page to \(htmlPath)\n"
        }
        return CommandOutcome(exit: .ok, stdout: written)
    }

    /// File `name` of every shard joined in scenario order (the first column): every scenario
    /// from exactly one shard, all of `0..<scenarios`, the same columns everywhere.
    func join(_ name: String, scenarios: Int) throws -> [UInt8] {
        var header: [String]?, rows: [(Int, String)] = [], owner: [Int: Int] = [:]
        for (k, folder) in shards.enumerated() {
            let file = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(.fileNotFound, "\(folder) has no \(name)")
            }
            let records = try CSVReader.records([UInt8](data), file: file)
            guard let first = records.first?.map(\.text), header == nil || header == first else {
                throw CommandFailure(.batchMismatch, "\(folder) has other columns")
            }
            header = first
            for fields in records.dropFirst() {
                guard fields.count == first.count, let index = Int(fields[0].text), (0..<scenarios).contains(index) else {
                    throw CommandFailure(.invalidValue, "not a row of \(name): \(first.count) fields starting with a scenario number below \(scenarios)",
                                         at: SourceLocation(file: file, line: fields[0].line, column: fields[0].column))
                }
                if let other = owner[index], other != k {
                    throw CommandFailure(.batchMismatch, "scenario \(index) is in both \(shards[other]) and \(folder): give each shard once")
                }
                owner[index] = k
                rows.append((index, CSVText.line(fields.map(\.text))))
            }
        }
        guard let header, owner.count == scenarios else {
            throw CommandFailure(.missingField, "the shards hold \(owner.count) of \(scenarios) scenarios in \(name)")
        }
        // Stable: a scenario's rows (one per group) keep their order.
        rows = rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        return Array((CSVText.line(header) + rows.map(\.1).joined()).utf8)
    }

    /// The page of a sweep's or a simulation's CSV: the same for one process and for merged shards.
    static func page(_ csv: [UInt8], file: String, kind: String, _ summary: SweepSummary, differences: SweepDifferences? = nil) throws -> String {
        do {
            if kind == "runs.csv" { return try RunsPage.html(csv: csv, file: file, title: summary.pageTitle) }
            let knobs = summary.vary.map { String($0.prefix { $0 != "=" }) }
            let group = summary.group ?? "priority"
            return try SweepPage.html(csv: String(decoding: csv, as: UTF8.self), knobs: knobs, title: summary.pageTitle, group: group,
                                      differences: differences.map { ($0.baseline, $0.table(group: group)) })
        } catch let diagnostic as Diagnostic {
            throw CommandFailure([diagnostic])
        }
    }

    /// A sweep's grid points against its baseline, from the long measures (nil for a simulation,
    /// or a sweep from before baselines).
    static func differences(_ measures: [UInt8], file: String, _ summary: SweepSummary) throws -> SweepDifferences? {
        guard let baseline = summary.baseline else { return nil }
        do { return try SweepDifferences(measures: measures, file: file, baseline: baseline) } catch let diagnostic as Diagnostic {
            throw CommandFailure([diagnostic])
        }
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// `thuis publication (--out OUT | --ledger PATH --batch ID) [--html FILE]`: a night's
/// publication.csv (how each let advert was let, no household ids) on stdout, or as a page.
///
/// From an output folder only when the folder still holds the run's result as its manifest
/// lists it; from the ledger whatever became of the folder.
public struct PublicationCommand: ThuisCommand {
    public enum Source: Sendable {
        case folder(String)
        case ledger(path: String, batch: String)
    }

    public var source: Source
    public var htmlPath: String?

    public init(source: Source) { self.source = source }

    public func execute() throws -> CommandOutcome {
        let (csv, file, title) = try read()
        guard let htmlPath else { return CommandOutcome(exit: .ok, stdout: String(decoding: csv, as: UTF8.self)) }
        let page: String
        do {
            page = try PublicationPage.html(csv: csv, file: file, title: title)
        } catch let diagnostic as Diagnostic {
            throw CommandFailure([diagnostic])
        }
        try AtomicFile.write(page, to: htmlPath)
        let lettings = csv.filter { $0 == 0x0A }.count - 1
        return CommandOutcome(exit: .ok, stdout: "Wrote \(htmlPath): \(lettings) letting(s)\n")
    }

    /// The CSV, the name to locate problems in it by, and the page's title.
    func read() throws -> ([UInt8], String, String) {
        switch source {
        case .folder(let path):
            let run = try RecordedRun(outPath: path)
            guard case .result = OutputFolder.inspect(run.folder) else {
                throw CommandFailure(.manifestMismatch, "\(path) no longer holds the run's result as manifest.sha256 lists it; run thuis verify \(path)")
            }
            let file = run.folder.appendingPathComponent("publication.csv").path
            guard FileManager.default.fileExists(atPath: file) else {
                throw CommandFailure(.notAResult, "\(path) has no publication.csv (a result of Thuis before 0.5); rerun the batch to make one")
            }
            return (run.file("publication.csv"), file, "Lettings of \(run.summary.batch.region), peildatum \(run.summary.batch.peildatum)")
        case .ledger(let path, let batch):
            let ledger = try Ledger(path: path)
            return try ledger.read { tx in
                guard let record = try tx.batches().first(where: { $0.id == batch }) else {
                    throw CommandFailure(.unknownBatch, "the ledger \(Ledger.absolute(path)) holds no batch \(batch)")
                }
                guard let csv = try tx.publication(of: batch) else {
                    throw CommandFailure(.notAResult, "batch \(batch) was recorded before the ledger kept publications; use thuis publication --out on its output folder")
                }
                return (Array(csv.utf8), "\(Ledger.absolute(path)) (batch \(batch))",
                        "Lettings of \(record.region), peildatum \(record.peildatum) (batch \(batch))")
            }
        }
    }
}

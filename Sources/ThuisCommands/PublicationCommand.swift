import Foundation
import ThuisCore
import ThuisLedger
import ThuisReports

/// The languages of the publication page.
public typealias PublicationLanguage = PublicationWording.Language

/// `thuis publication (--out OUT | --ledger PATH (--batch ID | --period P)) [--html FILE]
/// [--lang nl|en] [--stock FILE]`: how each dwelling was let (no household ids), as CSV on
/// stdout or as a page.
///
/// From an output folder: the night's offers as made (only while the folder still holds the
/// run's result as its manifest lists it). From the ledger: the lettings only, each dwelling
/// once with the batch whose offer was accepted and the day of the acceptance; refused,
/// withdrawn and open offers never, whatever became of the night's folder.
public struct PublicationCommand: ThuisCommand {
    public enum Source: Sendable {
        case folder(String)
        case ledger(path: String, batch: String)
        case ledgerPeriod(path: String, period: String)
    }

    public var source: Source
    public var htmlPath: String?
    /// The page's language (the CSV is the same in both).
    public var language = PublicationWording.Language.nl
    /// A stock file (`thuis monitor --stock`) whose `naam` column names municipalities the page
    /// shows; Thuis knows the names of its own regions' municipalities.
    public var stockPath: String?

    public init(source: Source) { self.source = source }

    public func execute() throws -> CommandOutcome {
        if let htmlPath {
            let inputs: [String]
            switch source {
            case .folder(let out): inputs = [out]
            case .ledger(let path, _), .ledgerPeriod(let path, _): inputs = [path]
            }
            try OwnFile.page.requireReplaceable(htmlPath, option: "--html", inputs: inputs + (stockPath.map { [$0] } ?? []))
        }
        let (csv, file, title) = try read()
        guard let htmlPath else { return CommandOutcome(exit: .ok, stdout: String(decoding: csv, as: UTF8.self)) }
        var names = MunicipalityNames.known
        if let stockPath {
            let bytes = try CSVInput.read(stockPath)
            do {
                for entry in try StockFile(bytes, file: stockPath).entries { if let name = entry.name { names[entry.stock.municipality] = name } }
            } catch let diagnostic as Diagnostic {
                throw CommandFailure([diagnostic])
            }
        }
        let page: String
        do {
            page = try PublicationPage.html(csv: csv, file: file, title: title, language: language, names: names)
        } catch let diagnostic as Diagnostic {
            throw CommandFailure([diagnostic])
        }
        try AtomicFile.write(page, to: htmlPath)
        let rows = csv.filter { $0 == 0x0A }.count - 1
        return CommandOutcome(exit: .ok, stdout: "Wrote \(htmlPath): \(rows) dwelling(s)\n")
    }

    /// The CSV, the name to locate problems in it by, and the page's title.
    func read() throws -> ([UInt8], String, String) {
        let nl = language == .nl
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
            let batch = run.summary.batch
            return (run.file("publication.csv"), file, nl ? "Toewijzingen in \(batch.region), peildatum \(batch.peildatum)"
                                                          : "Lettings of \(batch.region), peildatum \(batch.peildatum)")
        case .ledger(let path, let id):
            let ledger = try Ledger(path: path)
            return try ledger.read { tx in
                guard let record = try tx.batch(id) else {
                    throw CommandFailure(.unknownBatch, "the ledger \(Ledger.absolute(path)) holds no batch \(id)")
                }
                return (try Self.lettings(of: [record], in: tx), "\(Ledger.absolute(path)) (batch \(id))",
                        nl ? "Verhuurde woningen van \(record.region), peildatum \(record.peildatum) (batch \(id))"
                           : "Dwellings let by \(record.region), peildatum \(record.peildatum) (batch \(id))")
            }
        case .ledgerPeriod(let path, let text):
            guard let period = ReportingPeriod(text) else {
                throw CommandFailure(.usage, "--period \(text) is not a year or half-year (2026, 2026-H1, 2026-H2)")
            }
            let ledger = try Ledger(path: path)
            return try ledger.read { tx in
                let batches = try tx.batches().filter { b in Day(iso: b.peildatum).map { $0 >= period.from && $0 < period.until } ?? false }
                let regions = Set(batches.map(\.region)).sorted().joined(separator: ", ")
                return (try Self.lettings(of: batches, in: tx), "\(Ledger.absolute(path)) (period \(text))",
                        nl ? "Verhuurde woningen \(text)\(regions.isEmpty ? "" : ", \(regions)")" : "Dwellings let in \(text)\(regions.isEmpty ? "" : ", \(regions)")")
            }
        }
    }

    /// The accepted lettings of `batches` in the ledger's layout, oldest batch first and by
    /// advert within a batch, each row `let` with the day of the acceptance: from the
    /// publication.csv each batch recorded, keeping the rows whose offer was accepted.
    static func lettings(of batches: [BatchRecord], in tx: LedgerTransaction) throws -> [UInt8] {
        var out = PublicationTable.ledgerHeader + "\n"
        var listed = Set<String>()
        for batch in batches {
            let accepted = try tx.acceptedOffers(of: batch.id)
            guard !accepted.isEmpty else { continue }
            guard let csv = try tx.publication(of: batch.id) else {
                throw CommandFailure(.notAResult, "batch \(batch.id) was recorded before the ledger kept publications; use thuis publication --out on its output folder")
            }
            var extended = false
            try CSVReader.forEachRecord(Array(csv.utf8), file: "the ledger's publication.csv of batch \(batch.id)") { record in
                let fields = record.map(\.text)
                if record[0].line == 1 {
                    extended = fields.joined(separator: ",") == PublicationTable.ledgerHeader
                    return
                }
                guard let day = accepted[fields[0]], listed.insert(fields[0]).inserted else { return }
                let dwelling = extended ? Array(fields[12..<14]) : ["", ""]
                out += CSVText.line(Array(fields[0..<12]) + dwelling + ["let", day, batch.id])
            }
        }
        return Array(out.utf8)
    }
}

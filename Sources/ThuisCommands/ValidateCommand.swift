import Foundation
import ThuisCore
import ThuisVERA
import ThuisXML

/// `thuis validate FILE...`: reads a batch, reports every problem, and summarises the market.
public struct ValidateCommand: ThuisCommand {
    /// Text for people, JSON for machines.
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public var files: [String]
    public var format = Format.text
    public var skipInvalid = false
    /// Where rejected records go under `skipInvalid`.
    public var rejectsPath = "rejects.csv"
    public var errorLimit = 100
    /// VERA batch folders to read instead of `files`.
    public var veraFolders: [String] = []

    public init(files: [String]) { self.files = files }

    /// Reads and reports; the summary is printed even when the batch has errors (JSON for machines).
    public func execute() throws -> CommandOutcome {
        if skipInvalid { try OwnFile.rejects.requireReplaceable(rejectsPath, option: "--rejects", inputs: files + veraFolders) }
        let result = veraFolders.isEmpty
            ? ExportReader.read(files, options: .init(skipInvalid: skipInvalid, errorLimit: errorLimit))
            : VERABatchReader.read(veraFolders, options: .init(skipInvalid: skipInvalid, errorLimit: errorLimit))
        var exit = ValidateCommand.exit(result)
        var rejectsWritten: String?
        var failures: [Diagnostic] = []
        if skipInvalid && result.market != nil {
            do {
                try AtomicFile.write(RejectsFile.render(result.rejections), to: rejectsPath)
                rejectsWritten = rejectsPath
            } catch {
                failures = CommandFailure(error).diagnostics
                exit = SysExit(failingWith: failures)
            }
        }
        switch format {
        case .text:
            let stdout = result.market.map { ValidationReport.text(result, market: $0, files: files + veraFolders, rejects: rejectsWritten) } ?? ""
            return CommandOutcome(exit: exit, stdout: stdout, stderr: DiagnosticText.render(result.diagnostics) + DiagnosticText.render(failures))
        case .json:
            let json = try ValidationReport.json(result, files: files + veraFolders, rejects: rejectsWritten, exit: exit)
            return CommandOutcome(exit: exit, stdout: json, stderr: DiagnosticText.render(failures))
        }
    }

    /// 0 when the batch can be used (with `--skip-invalid`, after leaving records out); otherwise
    /// the status its errors give (a missing file 66, a failed read 74, bad data 65).
    static func exit(_ result: IngestResult) -> SysExit {
        let status = SysExit(failingWith: result.errors)
        if result.market == nil { return status == .ok ? .dataError : status }
        return status == .noInput || status == .ioError ? status : .ok
    }
}

import Foundation
import ThuisCore
import ThuisXML

/// `thuis validate FILE...`: reads a batch, reports every problem, and summarises the market.
public struct ValidateCommand: Sendable {
    /// Text for people, JSON for machines.
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public var files: [String]
    public var format = Format.text
    public var skipInvalid = false
    /// Where rejected records go under `skipInvalid`.
    public var rejectsPath = "rejects.csv"
    public var errorLimit = 100

    public init(files: [String]) { self.files = files }

    /// Runs the command.
    public func run() -> CommandOutcome {
        let result = ExportReader.read(files, options: .init(skipInvalid: skipInvalid, errorLimit: errorLimit))
        var exit = IngestOutcome.exitCode(result)
        var rejectsWritten: String?
        var stderr = ""
        if skipInvalid && result.market != nil {
            do {
                try AtomicFile.write(RejectsFile.render(result.rejections), to: rejectsPath)
                rejectsWritten = rejectsPath
            } catch {
                stderr += Diagnostic.error(.cannotCreateOutput, "\(error)", at: nil).description + "\n"
                exit = .cannotCreate
            }
        }
        switch format {
        case .text:
            stderr = IngestOutcome.renderDiagnostics(result) + stderr
            let stdout = result.market.map { ValidationReport.text(result, market: $0, files: files, rejects: rejectsWritten) } ?? ""
            return CommandOutcome(exit: exit, stdout: stdout, stderr: stderr)
        case .json:
            let json = ValidationReport.json(result, files: files, rejects: rejectsWritten, exit: exit)
            return CommandOutcome(exit: exit, stdout: json, stderr: stderr)
        }
    }
}

/// How the result of reading a batch becomes an exit code and diagnostics text: shared by every
/// command that reads an export.
public enum IngestOutcome {
    /// 66 when a file is missing, 74 when reading failed, 65 for bad data, else 0.
    public static func exitCode(_ result: IngestResult) -> SysExit {
        let codes = Set(result.errors.map(\.code))
        if codes.contains(.fileNotFound) { return .noInput }
        if codes.contains(.readFailed) { return .ioError }
        if result.market == nil { return .dataError }
        return .ok
    }

    /// Every diagnostic as `FILE:LINE:COL: severity: CODE: message`, one per line; warnings past
    /// a hundred are counted, not listed.
    public static func renderDiagnostics(_ result: IngestResult, warningLimit: Int = 100) -> String {
        var text = ""
        var warnings = 0
        for d in result.diagnostics {
            if d.severity == .warning {
                warnings += 1
                if warnings > warningLimit { continue }
            }
            text += d.description + "\n"
        }
        if warnings > warningLimit {
            text += "thuis: note: \(warnings - warningLimit) more warnings not shown (--format json lists them all)\n"
        }
        return text
    }
}

import Foundation
import ThuisCore
import ThuisLedger
import ThuisPolicyFile
import ThuisReports

/// Why a command stopped, as the user sees it: located diagnostics, and the exit status their
/// codes give (``SysExit/init(failingWith:)``).
///
/// Every error a command meets (a bad input, the ledger, an output folder, a file write, wrong
/// usage) becomes one of these in ``init(_:)``, so codes and exit statuses are decided in one
/// place and no command renders an error by hand.
public struct CommandFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One error, located when it concerns a file.
    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil) {
        self.init([.error(code, message, at: location)])
    }

    /// The errors found in `file`, in the order of their places, and past `limit` of them a
    /// `TOO_MANY_ERRORS` saying that nothing was `done` ("recorded", "imported").
    public init(listing errors: [Diagnostic], in file: String, limit: Int, nothing done: String) {
        let place = { (d: Diagnostic) in (d.location?.line ?? 0, d.location?.column ?? 0) }
        var sorted = errors.sorted { place($0) < place($1) }
        if errors.count >= limit {
            sorted.append(.error(.tooManyErrors, "stopped listing after \(errors.count) errors; nothing was \(done)", at: SourceLocation(file: file, line: 0, column: 0)))
        }
        self.init(sorted)
    }

    /// Wrong arguments (exit 64).
    public static func usage(_ message: String) -> CommandFailure {
        CommandFailure(.usage, message)
    }

    /// Any error a command meets, with the code that says what failed.
    public init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure: self = failure
        case let diagnostic as Diagnostic: self.init([diagnostic])
        case let refusal as VERAClient.Refusal: self = refusal.failure
        case let problems as PolicyProblems: self.init(problems.diagnostics)
        case let problems as CountFileProblems: self.init(problems.diagnostics)
        case let ledger as LedgerError:
            switch ledger.kind {
            case .busy: self.init(.ledgerBusy, ledger.description)
            case .conflict: self.init(.batchIDConflict, ledger.description)
            case .missing:
                self.init(.fileNotFound, "\(ledger.description); create one with `thuis ledger init PATH`, or add --create-ledger to allocate")
            case .notALedger: self.init(.notALedger, ledger.description)
            case .other: self.init(.ledgerFailed, ledger.description)
            }
        case let output as OutputFolder.Failure: self.init(.cannotCreateOutput, output.description)
        case let file as AtomicFile.Failure: self.init(.cannotCreateOutput, file.description)
        case let file as CocoaError where file.isFileError:
            // Foundation's file errors: 256...511 reading, 512... writing.
            self.init(file.code.rawValue < 512 ? .readFailed : .cannotCreateOutput, file.localizedDescription)
        default:
            // Anything else is a path no one planned for: say so, rather than blame the disk.
            self.init(.internalError, "\(error); this is a bug in \(ThuisVersion.current): please report it with the command you ran")
        }
    }

    /// The exit status.
    public var exit: SysExit { SysExit(failingWith: diagnostics) }

    /// What the user sees: the diagnostics on stderr, one per line.
    public var outcome: CommandOutcome {
        CommandOutcome(exit: exit, stderr: DiagnosticText.render(diagnostics))
    }
}

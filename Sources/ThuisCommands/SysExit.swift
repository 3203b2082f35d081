import ThuisCore

/// Exit statuses from BSD's sysexits.h, as scripts and cron expect them.
public enum SysExit: Int32, Sendable, CaseIterable {
    case ok = 0
    /// The command was used wrongly.
    case usage = 64
    /// The input data was incorrect.
    case dataError = 65
    /// An input file did not exist.
    case noInput = 66
    /// A service (a VERA API) could not be reached or kept failing.
    case unavailable = 69
    /// An internal error: a bug in Thuis (EX_SOFTWARE).
    case software = 70
    /// An output could not be created.
    case cannotCreate = 73
    /// An error while reading or writing.
    case ioError = 74
    /// Try again later (the ledger is in use by another run).
    case temporaryFailure = 75
    /// Permission denied: the API refused the token.
    case noPermission = 77
}

extension SysExit {
    /// The exit status an error with `code` ends a command with (0 for codes that are only ever
    /// warnings): the one place that decides it.
    public init(for code: DiagnosticCode) {
        if code.isWarning {
            self = .ok
            return
        }
        switch code {
        case .usage: self = .usage
        case .fileNotFound: self = .noInput
        case .readFailed: self = .ioError
        case .cannotCreateOutput, .ledgerFailed: self = .cannotCreate
        case .ledgerBusy: self = .temporaryFailure
        case .serviceUnavailable, .badResponse: self = .unavailable
        case .unauthorized: self = .noPermission
        case .internalError: self = .software
        default: self = .dataError
        }
    }

    /// The exit status of a command stopped by `errors`: the most specific of theirs (a missing
    /// file says more than the errors it causes downstream). 0 without errors.
    public init(failingWith errors: [Diagnostic]) {
        let statuses = Set(errors.filter { $0.severity == .error }.map { SysExit(for: $0.code) })
        self = SysExit.precedence.first { statuses.contains($0) } ?? .ok
    }

    /// Which status wins when a run has errors of several kinds.
    static let precedence: [SysExit] = [.software, .usage, .noInput, .noPermission, .unavailable, .ioError, .temporaryFailure, .cannotCreate, .dataError]
}

/// Exit codes from BSD's sysexits.h, as scripts and cron expect them.
public enum SysExit: Int32, Sendable {
    case ok = 0
    /// The command was used wrongly.
    case usage = 64
    /// The input data was incorrect.
    case dataError = 65
    /// An input file did not exist or was not readable.
    case noInput = 66
    /// An output file could not be created.
    case cannotCreate = 73
    /// An error while reading or writing.
    case ioError = 74
    /// Try again later (the ledger is in use by another run).
    case temporaryFailure = 75
}

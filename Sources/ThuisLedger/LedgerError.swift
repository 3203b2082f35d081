import GRDB

/// A problem with the ledger, in words an operator can act on.
public struct LedgerError: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Another run holds the ledger.
        case busy
        /// A batch id recorded from other input.
        case conflict
        /// No ledger at the path (and none to be created).
        case missing
        /// The file is not a Thuis ledger.
        case notALedger
        case other
    }
    public var kind: Kind
    public var description: String

    public init(kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    init(_ error: DatabaseError, path: String) {
        if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            kind = .busy
            description = "the ledger \(path) is in use by another thuis run; it did not come free in time, try again later"
        } else {
            kind = .other
            description = "ledger \(path): \(error.message ?? "\(error)")"
        }
    }
}

/// A problem found in the input, located and coded, as users and scripts see it.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
    /// Whether the problem stops the batch.
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    /// A stable, greppable code such as `UNKNOWN_HOUSEHOLD`.
    public var code: DiagnosticCode
    /// What is wrong, naming the record id.
    public var message: String
    /// Where; nil for problems that concern no file.
    public var location: SourceLocation?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// An error.
    public static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }

    /// A warning.
    public static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    /// `FILE:LINE:COL: error: CODE: message`, or `thuis: error: CODE: message` without a file.
    public var description: String {
        let prefix = location.map { "\($0)" } ?? "thuis"
        return "\(prefix): \(severity.rawValue): \(code.rawValue): \(message)"
    }
}

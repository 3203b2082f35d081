/// What a command printed: its exit status and the text for stdout and stderr.
///
/// Commands return this instead of printing, so tests check exactly what a user sees.
public struct CommandOutcome: Sendable {
    public var exit: SysExit
    public var stdout: String
    public var stderr: String

    public init(exit: SysExit, stdout: String = "", stderr: String = "") {
        self.exit = exit
        self.stdout = stdout
        self.stderr = stderr
    }
}

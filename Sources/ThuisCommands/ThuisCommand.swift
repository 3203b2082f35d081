/// A Thuis command: does its work and returns what it prints, or throws why it stopped.
public protocol ThuisCommand: Sendable {
    /// The work; a thrown error becomes a ``CommandFailure``.
    func execute() throws -> CommandOutcome
}

extension ThuisCommand {
    /// Runs the command: its outcome, or the error that stopped it as diagnostics and an exit status.
    public func run() -> CommandOutcome {
        do {
            return try execute()
        } catch {
            return CommandFailure(error).outcome
        }
    }
}

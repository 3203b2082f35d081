import ArgumentParser
import ThuisCommands
import ThuisCore

/// The `thuis` command line: parses arguments and hands over to ThuisCommands.
@main
struct Thuis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thuis",
        abstract: "Allocate vacant social-rental dwellings to households under quotas for priority groups.",
        version: ThuisVersion.current,
        subcommands: [Allocate.self, Explain.self, Verify.self, Publication.self, Validate.self, Generate.self, RecordOutcomes.self, Report.self, Monitor.self,
                      Compare.self, Sweep.self, Merge.self, Simulate.self, LedgerCommands.self, Offers.self, Convert.self, Fetch.self, Publish.self]
    )

    /// Runs the command the arguments name; wrong arguments are reported as every other error
    /// is, `thuis: error: USAGE: ...` with the usage beneath, and exit 64.
    static func main() {
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            let status = exitCode(for: error)
            guard status != .success else { exit(withError: error) }   // --help, --version
            let text = fullMessage(for: error)
            let usage = text.hasPrefix("Error: ") ? String(text.dropFirst("Error: ".count)) : text
            StandardStream.error.write("thuis: error: \(DiagnosticCode.usage.rawValue): \(usage)\n")
            exit(withError: ExitCode(status.rawValue))
        }
        do {
            var command = command
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

import Foundation

/// Runs the built `thuis` executable as a user would, capturing its output.
public enum ThuisProcess {
    public struct Result: Sendable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `thuis` binary next to the test bundle (built by `swift build`).
    public static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the tests run from `.build/<triple>/debug/ThuisPackageTests.xctest`.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        let candidate = directory.appendingPathComponent("thuis")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return Fixtures.root.appendingPathComponent(".build/debug/thuis")
    }

    /// Runs `thuis` with `arguments` in `directory` and waits for it, at most `timeout` seconds:
    /// a run that hangs is killed (its test then fails on the exit status) rather than holding
    /// the test run forever.
    public static func run(_ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 300,
                           killAfter: TimeInterval? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // A kill at a chosen moment, as a machine losing power or an operator's kill -9 would.
        let killer = DispatchWorkItem { [process] in if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        if let killAfter { DispatchQueue.global().asyncAfter(deadline: .now() + killAfter, execute: killer) }
        defer { killer.cancel() }
        // Read both pipes before waiting so a full pipe never blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

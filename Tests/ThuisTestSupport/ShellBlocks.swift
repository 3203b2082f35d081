import Foundation

/// The shell blocks of the documentation, run as a user would run them: `bash -euo pipefail`
/// with the built `thuis` first on `PATH`.
public enum ShellBlocks {
    /// The ```` ```sh ```` blocks of a Markdown file, each with the line it starts on.
    public static func blocks(inMarkdown path: String) throws -> [(line: Int, text: String)] {
        var blocks: [(line: Int, text: String)] = []
        var current: (line: Int, lines: [String])?
        for (i, line) in try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n").enumerated() {
            if var block = current {
                if line.hasPrefix("```") {
                    blocks.append((block.line, block.lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    block.lines.append(line)
                    current = block
                }
            } else if line == "```sh" {
                current = (i + 2, [])
            }
        }
        return blocks
    }

    /// Runs `script` with bash in `directory`, `thuis` being the built executable (and `swift
    /// run thuis` too; `swift test` is the run this is part of, so it does nothing), with
    /// `environment` added.
    public static func run(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> ThuisProcess.Result {
        let bin = directory.appendingPathComponent(".bin")
        if !FileManager.default.fileExists(atPath: bin.path) {
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("thuis"), withDestinationURL: ThuisProcess.executable)
        }
        let prelude = """
            swift() {
                if [ "$1" = run ] && [ "${2:-}" = thuis ]; then shift 2; thuis "$@"
                elif [ "$1" = test ]; then :
                else echo "swift $*: not run by the documentation's tests" >&2; return 1; fi
            }

            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-euo", "pipefail", "-c", prelude + script]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = bin.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("thuis-shell-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("thuis-shell-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return ThuisProcess.Result(exitCode: process.terminationStatus,
                                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

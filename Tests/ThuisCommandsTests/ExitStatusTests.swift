import Foundation
import Testing
import ThuisCommands
import ThuisCore
import ThuisTestSupport

/// The README's tables of exit statuses and error codes are the interface scripts rely on: each
/// status comes from the case the README names, and each code has the status the table gives.
@Suite(.timeLimit(.minutes(3))) struct ExitStatusTests {
    /// The rows of the README table under `heading`: cells of each line after the header.
    static func tableRows(under heading: String) throws -> [[String]] {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: heading), "README has no \(heading)")
        let table = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        return table.dropFirst(2).map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test("every diagnostic code is in the README's table once, with the exit status SysExit(for:) gives it")
    func codeTable() throws {
        var listed: [String: Int32] = [:]
        for row in try Self.tableRows(under: "### Error codes") {
            let status = try #require(Int32(row[1]), "exit column of \(row[0])")
            for code in row[0].split(separator: "`", omittingEmptySubsequences: false).enumerated().filter({ $0.offset % 2 == 1 }).map({ String($0.element) }) {
                let earlier = listed.updateValue(status, forKey: code)
                #expect(earlier == nil, "\(code) is listed twice")
            }
        }
        #expect(Set(listed.keys) == Set(DiagnosticCode.allCases.map(\.rawValue)))
        for code in DiagnosticCode.allCases {
            #expect(listed[code.rawValue] == SysExit(for: code).rawValue, "\(code.rawValue)")
        }
    }

    /// A command line that ends with `status`, and the code its stderr names.
    struct Case: Sendable {
        var arguments: @Sendable (URL) throws -> [String]
        var code: String?
    }

    static let export = Fixtures.demoRegion
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")
    static func allocate(_ out: String, policy: String = policy, export: String = export) -> [String] {
        ["allocate", "--quiet", "--no-ledger", "--export", export, "--policy", policy, "--out", out]
    }

    static let cases: [Int32: Case] = [
        0: Case(arguments: { _ in ["validate", export] }, code: nil),
        64: Case(arguments: { _ in allocate("") }, code: "USAGE"),
        65: Case(arguments: { _ in ["validate", Fixtures.path("invalid/unknown-advert.xml")] }, code: "UNKNOWN_ADVERT"),
        66: Case(arguments: { dir in allocate(dir.appendingPathComponent("out").path, policy: dir.appendingPathComponent("missing.toml").path) },
                 code: "FILE_NOT_FOUND"),
        73: Case(arguments: { dir in
            let out = dir.appendingPathComponent("theirs")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("keep me\n".utf8).write(to: out.appendingPathComponent("precious.txt"))
            return allocate(out.path)
        }, code: "CANNOT_CREATE_OUTPUT"),
        69: Case(arguments: { dir in try fetch(dir, url: "http://127.0.0.1:1") + ["--attempts", "1"] }, code: "SERVICE_UNAVAILABLE"),
        74: Case(arguments: { dir in ["validate", dir.path] }, code: "READ_FAILED"),
        77: Case(arguments: { dir in try fetch(dir, url: refusing.url) }, code: "UNAUTHORIZED"),
    ]

    /// A VERA API that refuses every token.
    static let refusing = try! LocalHTTPServer { _ in LocalHTTPServer.Response(status: 401) }

    static func fetch(_ dir: URL, url: String) throws -> [String] {
        let token = dir.appendingPathComponent("token").path
        try Data("t0ken\n".utf8).write(to: URL(fileURLWithPath: token))
        return ["fetch", "--quiet", "--vera-url", url, "--token-file", token, "--out", dir.appendingPathComponent("batch").path,
                "--peildatum", "2026-11-25", "--regio", "Demo"]
    }

    @Test("each exit status in the README comes from the case it names")
    func exitTable() throws {
        let statuses = try Self.tableRows(under: "### Exit statuses").map { try #require(Int32($0[0])) }
        #expect(statuses == SysExit.allCases.map(\.rawValue))
        for status in statuses where status != 75 && status != 70 {
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let which = try #require(Self.cases[status], "no case for exit \(status)")
            let result = try ThuisProcess.run(try which.arguments(directory))
            #expect(result.exitCode == status, "exit \(status): \(result.stderr)")
            if let code = which.code { #expect(result.stderr.contains(": error: \(code): "), "exit \(status): \(result.stderr)") }
        }
        // 75 needs a second process holding the ledger: LedgerKillTests and LedgerBusyTests run it.
        // 70 is a bug: no command is meant to reach it; CommandFailureTests checks the mapping.
    }

    @Test("a folder of someone else's files is left as it was when the output cannot be created")
    func foreignFolderUntouched() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ThuisProcess.run(try Self.cases[73]!.arguments(directory))
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("theirs").path)
        #expect(kept == ["precious.txt"])
    }

    @Test("thuis --version prints the version the ledger records")
    func version() throws {
        let result = try ThuisProcess.run(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == ThuisVersion.current + "\n")
    }

    @Test("wrong arguments are a located USAGE error with the usage, exit 64")
    func usage() throws {
        let result = try ThuisProcess.run(["allocate", "--export", Self.export])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("thuis: error: USAGE: "))
        #expect(result.stderr.contains("Usage: thuis allocate"))
        let shard = try ThuisProcess.run(["sweep", "--export", Self.export, "--policy", Self.policy, "--vary", "ranking.lottery_share=0:1:0.5",
                                          "--out", "x", "--shard", "4/4"])
        #expect(shard.exitCode == 64)
    }
}

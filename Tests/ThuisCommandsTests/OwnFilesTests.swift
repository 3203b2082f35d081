import Foundation
import Testing
import ThuisCommands
import ThuisTestSupport

/// Thuis replaces only what it wrote: every case in which an earlier Thuis overwrote or deleted
/// a user's file keeps the file, byte for byte, and says why (exit 73, or 64 for an output that
/// is an input).
@Suite(.timeLimit(.minutes(2))) struct OwnFilesTests {
    static let policy = Fixtures.path("policies/een-thuis-voor-iedereen.toml")

    /// A folder with a copy of the demo export in it.
    static func folder() throws -> (URL, String) {
        let directory = Fixtures.temporaryDirectory()
        let export = directory.appendingPathComponent("export.xml").path
        try FileManager.default.copyItem(atPath: Fixtures.demoRegion, toPath: export)
        return (directory, export)
    }

    static func allocate(_ arguments: [String]) throws -> ThuisProcess.Result {
        try ThuisProcess.run(["allocate", "--no-ledger", "--policy", policy] + arguments)
    }

    @Test("validate --skip-invalid --rejects naming the export itself, or a user's CSV, keeps them")
    func rejects() throws {
        let (directory, export) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: export))
        let intoExport = try ThuisProcess.run(["validate", "--skip-invalid", "--rejects", export, export])
        #expect(intoExport.exitCode == 73)
        #expect(intoExport.stderr.contains("is an input of this run") || intoExport.stderr.contains("is not a file Thuis wrote"), "\(intoExport.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: export)) == before)
        // The default name, rejects.csv, in a folder where the user keeps a file of that name.
        let theirs = directory.appendingPathComponent("rejects.csv")
        try "my,own,list\n".write(to: theirs, atomically: true, encoding: .utf8)
        let defaulted = try ThuisProcess.run(["validate", "--skip-invalid", export], in: directory)
        #expect(defaulted.exitCode == 73)
        #expect(try String(contentsOf: theirs, encoding: .utf8) == "my,own,list\n")
        // A rejects file Thuis wrote is replaced by the next run.
        try FileManager.default.removeItem(at: theirs)
        #expect(try ThuisProcess.run(["validate", "--skip-invalid", export], in: directory).exitCode == 0)
        #expect(try ThuisProcess.run(["validate", "--skip-invalid", export], in: directory).exitCode == 0)
    }

    @Test("--html over a policy, into a result folder or over a user's page is refused; Thuis's own page is replaced")
    func pages() throws {
        let (directory, export) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        #expect(try Self.allocate(["--export", export, "--out", out]).exitCode == 0)
        let summary = out + "/summary.json"
        let summaryBytes = try Data(contentsOf: URL(fileURLWithPath: summary))
        let intoFolder = try ThuisProcess.run(["publication", "--out", out, "--html", summary])
        #expect(intoFolder.exitCode == 73)
        #expect(intoFolder.stderr.contains("a folder Thuis wrote"), "\(intoFolder.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: summary)) == summaryBytes)
        let newInFolder = try ThuisProcess.run(["publication", "--out", out, "--html", out + "/page.html"])
        #expect(newInFolder.exitCode == 73)
        #expect(try ThuisProcess.run(["verify", out]).exitCode == 0)

        let policyCopy = directory.appendingPathComponent("policy.toml").path
        try FileManager.default.copyItem(atPath: Self.policy, toPath: policyCopy)
        let policyBytes = try Data(contentsOf: URL(fileURLWithPath: policyCopy))
        #expect(try ThuisProcess.run(["publication", "--out", out, "--html", policyCopy]).exitCode == 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: policyCopy)) == policyBytes)

        let page = directory.appendingPathComponent("page.html").path
        #expect(try ThuisProcess.run(["publication", "--out", out, "--html", page]).exitCode == 0)
        #expect(try ThuisProcess.run(["publication", "--out", out, "--html", page]).exitCode == 0)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("<meta name=\"generator\" content=\"thuis\">"))
    }

    @Test("--out or --vera-out that is, holds or lies inside an input is refused (64); the batch stays whole")
    func outputApartFromInputs() throws {
        let (directory, export) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = directory.appendingPathComponent("batch").path
        #expect(try ThuisProcess.run(["convert", "--export", export, "--vera-out", batch]).exitCode == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: batch).sorted()
        for (option, path) in [("--out", batch), ("--vera-out", batch), ("--out", batch + "/inner"), ("--out", directory.path)] {
            var arguments = ["--vera", batch, "--out", directory.appendingPathComponent("res").path]
            if option == "--out" { arguments[3] = path } else { arguments += ["--vera-out", path] }
            let run = try Self.allocate(arguments)
            #expect(run.exitCode == 64, "\(option) \(path): \(run.stderr)")
            #expect(run.stderr.contains("an input of this run"), "\(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: batch).sorted() == files)
        #expect(try Self.allocate(["--vera", batch, "--out", directory.appendingPathComponent("res").path]).exitCode == 0)
    }

    @Test("a folder whose manifest a user made with sha256sum is not a Thuis result: its files stay")
    func userManifest() throws {
        let (directory, export) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let theirs = directory.appendingPathComponent("theirs")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try "notes\n".write(to: theirs.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let digest = try Fingerprint.sha256(files: [theirs.appendingPathComponent("notes.txt").path])
        try "\(digest)  notes.txt\n".write(to: theirs.appendingPathComponent("manifest.sha256"), atomically: true, encoding: .utf8)
        let run = try Self.allocate(["--export", export, "--out", theirs.path])
        #expect(run.exitCode == 73)
        #expect(run.stderr.contains("lacks Thuis's first line"), "\(run.stderr)")
        #expect(try String(contentsOf: theirs.appendingPathComponent("notes.txt"), encoding: .utf8) == "notes\n")
    }

    @Test("a symbolic link as --out is refused, never replaced by a folder; a dangling one leaves nothing behind")
    func symlinkedOut() throws {
        let (directory, export) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real").path
        #expect(try Self.allocate(["--export", export, "--out", real]).exitCode == 0)
        let link = directory.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let run = try Self.allocate(["--export", export, "--out", link, "--seed", "9"])
        #expect(run.exitCode == 73)
        #expect(run.stderr.contains("is a symbolic link"), "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        let dangling = directory.appendingPathComponent("dangling").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory.appendingPathComponent("nowhere").path)
        #expect(try Self.allocate(["--export", export, "--out", dangling]).exitCode == 73)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test("generate --out over a user's file is refused; over an export it generated, it writes again")
    func generateOut() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let theirs = directory.appendingPathComponent("mine.xml").path
        try "<mine/>\n".write(toFile: theirs, atomically: true, encoding: .utf8)
        let arguments = ["generate", "--profile", "nightly", "--scale", "0.01", "--seed", "3", "--quiet"]
        #expect(try ThuisProcess.run(arguments + ["--out", theirs]).exitCode == 73)
        #expect(try String(contentsOfFile: theirs, encoding: .utf8) == "<mine/>\n")
        let ours = directory.appendingPathComponent("gen.xml").path
        #expect(try ThuisProcess.run(arguments + ["--out", ours]).exitCode == 0)
        #expect(try ThuisProcess.run(arguments + ["--out", ours, "--seed", "4"]).exitCode == 0)
        #expect(try ThuisProcess.run(["validate", ours]).exitCode == 0)
    }
}

import Foundation
import Testing
@testable import ThuisCommands
import ThuisReports
import ThuisTestSupport

/// An output folder is replaced only when it holds exactly what Thuis wrote there.
@Suite struct OutputFolderTests {
    static let files: [(String, [UInt8])] = [("a.csv", Array("x,y\n1,2\n".utf8)), ("summary.json", Array("{}\n".utf8))]

    static func entries(_ url: URL) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
    }

    @Test("the manifest lists every file with its SHA-256, as sha256sum -c reads it, then its line count")
    func manifest() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        try OutputFolder.commit(Self.files, to: out.path)
        #expect(Self.entries(out) == ["a.csv", "summary.json", "manifest.sha256"])
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.sha256"), encoding: .utf8)
        #expect(manifest == """
            \(OutputFolder.manifestMark)
            \(OutputFolder.digest(Self.files[0].1))  a.csv
            \(OutputFolder.digest(Self.files[1].1))  summary.json
            # lines \(Self.files[0].1.filter { $0 == 0x0A }.count)  a.csv
            # lines \(Self.files[1].1.filter { $0 == 0x0A }.count)  summary.json

            """)
        // The empty input's digest is the well-known one.
        #expect(OutputFolder.digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("an earlier result a killed run was removing is cleared by the next run; a folder with a file of someone else's is not")
    func halfRemovedAside() throws {
        for foreign in [false, true] {
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("out")
            try OutputFolder.commit(Self.files, to: out.path)
            // A process that has ended: its pid names no living run.
            let ended = Process()
            ended.executableURL = URL(fileURLWithPath: "/bin/true")
            try ended.run()
            ended.waitUntilExit()
            let aside = directory.appendingPathComponent(".out.old-\(ended.processIdentifier)")
            try FileManager.default.copyItem(at: out, to: aside)
            try FileManager.default.removeItem(at: aside.appendingPathComponent("a.csv"))   // killed halfway through removing it
            if foreign { try Data("mine".utf8).write(to: aside.appendingPathComponent("notes.txt")) }
            try OutputFolder.commit(Self.files, to: out.path)
            #expect(FileManager.default.fileExists(atPath: aside.path) == foreign)
        }
    }

    @Test("a result with a file added or changed is refused, naming the file, and left as it was")
    func foreignOrChanged() throws {
        for change in ["added", "changed"] {
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("out")
            try OutputFolder.commit(Self.files, to: out.path)
            let name = change == "added" ? "precious.txt" : "a.csv"
            try Data("mine\n".utf8).write(to: out.appendingPathComponent(name))
            let before = Self.entries(out)
            #expect {
                try OutputFolder.commit(Self.files, to: out.path)
            } throws: { error in
                "\(error)".contains("holds files Thuis did not write (\(name))")
            }
            #expect(Self.entries(out) == before)
            #expect(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) == "mine\n")
            #expect(Self.entries(directory) == ["out"])
        }
    }

    @Test("a look taken ahead (while the run allocates) stands only while nothing in the folder changed")
    func surveyedAhead() throws {
        let outputs = Self.files.map { OutputFile($0.0, bytes: $0.1) }
        for change in ["none", "changed", "added", "made"] {
            let directory = Fixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let out = directory.appendingPathComponent("out")
            if change != "made" { try OutputFolder.commit(Self.files, to: out.path) }
            let survey = OutputFolder.Survey(out.path)
            switch change {
            case "changed": try Data("mine\n".utf8).write(to: out.appendingPathComponent("a.csv"))
            case "added": try Data("mine\n".utf8).write(to: out.appendingPathComponent("precious.txt"))
            case "made":
                // Missing when looked at; someone's folder by the time the run writes.
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
                try Data("mine\n".utf8).write(to: out.appendingPathComponent("precious.txt"))
            default: break
            }
            let before = Self.entries(out)
            if change == "none" {
                try OutputFolder.commit([OutputFile("b.csv", bytes: Array("z\n".utf8))], to: out.path, surveyed: survey)
                #expect(Self.entries(out) == ["b.csv", "manifest.sha256"])
                continue
            }
            #expect(throws: OutputFolder.Failure.self, "\(change)") { try OutputFolder.commit(outputs, to: out.path, surveyed: survey) }
            #expect(Self.entries(out) == before)
            let kept = change == "changed" ? "a.csv" : "precious.txt"
            #expect(try String(contentsOf: out.appendingPathComponent(kept), encoding: .utf8) == "mine\n")
        }
    }

    @Test("an unchanged result is replaced; a folder that is not one is refused")
    func replace() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        try OutputFolder.commit(Self.files, to: out.path)
        try OutputFolder.commit([("b.csv", Array("z\n".utf8))], to: out.path)
        #expect(Self.entries(out) == ["b.csv", "manifest.sha256"])
        let file = directory.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect(throws: OutputFolder.Failure.self) { try OutputFolder.commit(Self.files, to: file.path) }
        #expect(try Data(contentsOf: file) == Data("x".utf8))
    }

    @Test("a dead run's staging folder goes only when it holds nothing but Thuis's files")
    func staleStaging() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead: Int32 = 999_999
        let ours = directory.appendingPathComponent(".out.staging-\(dead)")
        try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
        try Data(OutputFolder.manifest(Self.files)).write(to: ours.appendingPathComponent("manifest.sha256"))
        try Data("partial".utf8).write(to: ours.appendingPathComponent(".a.csv.tmp-\(dead)"))
        let theirs = directory.appendingPathComponent(".out.staging-\(dead - 1)")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: theirs.appendingPathComponent("notes.txt"))
        try OutputFolder.commit(Self.files, to: directory.appendingPathComponent("out").path)
        #expect(Self.entries(directory) == ["out", ".out.staging-\(dead - 1)"])
        #expect(Self.entries(theirs) == ["notes.txt"])
    }
    @Test("a file made in chunks on several threads is written in order, whole, and hashed as its bytes")
    func streamedRows() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        // More chunks than the writer lets the formatting threads run ahead, of uneven sizes.
        let rows = ChunkedRows(count: 50) { i in Array((0...(i % 7) * 100).map { "row \(i).\($0)\n" }.joined().utf8) }
        let expected = rows.joined
        try OutputFolder.commit([OutputFile("big.csv", .rows(rows)), OutputFile("small.txt", bytes: Array("s\n".utf8))], to: out.path)
        #expect(try [UInt8](Data(contentsOf: out.appendingPathComponent("big.csv"))) == expected)
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.sha256"), encoding: .utf8)
        #expect(manifest.hasPrefix("\(OutputFolder.manifestMark)\n\(OutputFolder.digest(expected))  big.csv\n"))
        #expect(Self.entries(out) == ["big.csv", "small.txt", "manifest.sha256"])
    }

    @Test("a dead run's staging folder cut short before its manifest (only temporary names) goes too")
    func stagingWithoutManifest() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead: Int32 = 999_999
        let ours = directory.appendingPathComponent(".out.staging-\(dead)")
        try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
        try Data("whole".utf8).write(to: ours.appendingPathComponent(".toewijzingen.xml.tmp-\(dead)"))
        try Data("partial".utf8).write(to: ours.appendingPathComponent(".candidates.csv.tmp-\(dead)"))
        let theirs = directory.appendingPathComponent(".out.staging-\(dead - 1)")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: theirs.appendingPathComponent(".notes.tmp-\(dead)"))
        try OutputFolder.commit(Self.files, to: directory.appendingPathComponent("out").path)
        #expect(Self.entries(directory) == ["out", ".out.staging-\(dead - 1)"])
        #expect(Self.entries(theirs) == [".notes.tmp-\(dead)"])
    }
}

import Foundation
import Testing
import ThuisCore
import ThuisTestSupport
import ThuisXML

/// One record can hold only so much: ten thousand elements and a mebibyte of values. The
/// worst cases a hostile export can be made of are refused at the element that crosses the
/// bound, quickly, and within a memory limit far below what they would otherwise take.
@Suite(.timeLimit(.minutes(2))) struct RecordBoundTests {
    static let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Woonruimteverdeling versie="1.0" peildatum="2026-11-25" regio="Test">
          <Relatie id="H1" gemeente="0344">
            <Inschrijving begindatum="2015-01-01"/>
            <Lid geboortedatum="1980-01-01"/>

        """
    static let tail = "  </Relatie>\n</Woonruimteverdeling>\n"

    /// The worst cases, each one record with `count` repeats of `element` (one per line).
    static let cases: [(String, String, Int, String)] = [
        ("priorities", #"<Voorrangsregeling id="V" soort="URG" detailSoort="MED" begindatum="2026-01-01"/>"#, 200_000, "more than 10000 elements"),
        ("members", #"<Lid geboortedatum="1980-01-01"><Inkomen soort="BRU" bedrag="1.00" jaar="2025"/></Lid>"#, 100_000, "more than 10000 elements"),
        ("repeated field", "<zoekpunten>1</zoekpunten>", 200_000, "more than 10000 elements"),
        ("unknown elements", "<x/>", 200_000, "more than 10000 elements"),
        ("long list", #"<Voorrangsregeling id="V" soort="URG" detailSoort="MED" begindatum="2026-01-01">"# + String(repeating: "<gemeente>0344</gemeente>", count: 12_000) + "</Voorrangsregeling>", 1, "more than 10000 elements"),
        ("large values", "<Voorrangsregeling id=\"V\" soort=\"URG\" detailSoort=\"MED\" begindatum=\"2026-01-01\">" + String(repeating: "<gemeente>" + String(repeating: "0", count: 60_000) + "</gemeente>", count: 30) + "</Voorrangsregeling>", 1, "more than 1 MiB of values"),
    ]

    static func write(_ element: String, count: Int, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: { _ = FileManager.default.createFile(atPath: path, contents: nil); return path }()))
        defer { try? handle.close() }
        handle.write(Data(head.utf8))
        let line = Data(("    " + element + "\n").utf8)
        var chunk = Data()
        for _ in 0..<count {
            chunk.append(line)
            if chunk.count > 1 << 20 { handle.write(chunk); chunk.removeAll(keepingCapacity: true) }
        }
        handle.write(chunk)
        handle.write(Data(tail.utf8))
    }

    @Test("a record past its bound is refused at the element that crosses it", arguments: cases.map(\.0))
    func refused(_ name: String) throws {
        let (_, element, count, what) = try #require(Self.cases.first { $0.0 == name })
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("export.xml").path
        try Self.write(element, count: count, to: path)
        let result = ExportReader.read([path])
        #expect(result.market == nil)
        // Other problems of the record (a repeated field, a member too many) come before it.
        let bound = try #require(result.errors.first { $0.code == .valueTooLong })
        #expect(bound.message == "the Relatie that starts at line 3 holds \(what); no record of the export format needs that much", "\(bound.message)")
        // Where the record crosses its bound: the Relatie's Inschrijving and Lid are its first
        // two elements (lines 4 and 5), each repeat one line after them (a member and its
        // income are two elements).
        let line = switch name {
        case "members": 5 + (10_001 - 2 + 1) / 2
        case "long list", "large values": 6
        default: 5 + (10_001 - 2)
        }
        #expect(bound.location?.line == line, "\(bound)")
        #expect(result.errors.last?.code == .valueTooLong, "reading stops at the bound")
    }

    @Test("many small records, the other worst case, are read within the same limit: memory follows the market")
    func manySmallRecords() throws {
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("export.xml").path
        let generated = try ThuisProcess.run(["generate", "--profile", "nightly", "--seed", "5", "--scale", "0.5", "--quiet", "--out", path])
        #expect(generated.exitCode == 0, "\(generated.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 1000000 && exec \"$0\" validate \"$1\"", ThuisProcess.executable.path, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("the worst case, gzipped as it came by mail, is refused in a process limited to 1 GB of address space",
          arguments: ["priorities", "members"])
    func underMemoryLimit(_ name: String) throws {
        let (_, element, _, _) = try #require(Self.cases.first { $0.0 == name })
        let directory = Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("export.xml").path
        try Self.write(element, count: 500_000, to: path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -1 \"$1\" && ulimit -v 1000000 && exec \"$0\" validate \"$1.gz\"", ThuisProcess.executable.path, path]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 65, "\(stderr)")
        #expect(stderr.contains("error: VALUE_TOO_LONG: the Relatie that starts at line 3 holds more than 10000 elements"), "\(stderr)")
    }
}

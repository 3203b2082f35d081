import FuzzSupport
import Foundation
import ThuisCore
import ThuisVERA

/// A batch folder per process: the demo twin's pages, to which each input adds one page.
let folder = "/tmp/thuis-fuzz-vera-\(getpid())"
let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/vera/demo-region").path

func prepare() {
    try? FileManager.default.removeItem(atPath: folder)
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in try! FileManager.default.contentsOfDirectory(atPath: fixture) where name != "manifest.sha256" {
        try! FileManager.default.copyItem(atPath: "\(fixture)/\(name)", toPath: "\(folder)/\(name)")
    }
}

/// One input: its first byte picks the resource (or batch.json), the rest is the file. The read
/// must end in a market or located errors, never a crash, a hang, or unbounded memory; the page
/// splitter `fetch` and `publish` use must agree that a page it accepts has only objects.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let choices = VERABatchReader.resources + [VERABatchReader.headerName]
    let choice = choices[Int(data[0]) % choices.count]
    let name = choice == VERABatchReader.headerName ? choice : "\(choice)-99999.json"
    let bytes = Data(bytes: data + 1, count: size - 1)
    let original = choice == VERABatchReader.headerName ? FileManager.default.contents(atPath: "\(folder)/\(name)") : nil
    guard FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: bytes) else { return 0 }
    defer {
        if let original { _ = FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: original) } else { unlink("\(folder)/\(name)") }
    }
    let result = VERABatchReader.read([folder], options: .init(errorLimit: 20))
    precondition(result.market != nil || !result.errors.isEmpty, "no market and no error")
    precondition(result.diagnostics.allSatisfy { $0.location == nil || $0.location!.file.hasPrefix(folder) })
    if let market = result.market {
        market.checkInvariants()
    }
    if let items = try? VERAPages.items(ofPage: [UInt8](bytes)) {
        precondition(items.allSatisfy { $0.first == UInt8(ascii: "{") && $0.last == UInt8(ascii: "}") })
        // What fetch reads of a server's items to follow references: an answer or nil, no crash.
        for item in items { precondition(ItemReferences.of(item) != nil) }
    }
    // An answer's page as fetch's paging sees it, the input's first line as its headers.
    var walk = PageWalk(asked: 100)
    let text = String(decoding: bytes.prefix(512), as: UTF8.self)
    let headers = Dictionary(text.split(separator: "\n").prefix(8).compactMap { line -> (String, String)? in
        guard let colon = line.firstIndex(of: ":") else { return nil }
        return (String(line[..<colon]), String(line[line.index(after: colon)...]))
    }, uniquingKeysWith: { a, _ in a })
    for round in 0..<3 {
        let step = walk.take(PageWalk.Answer(items: (size + round) % 120, digest: [UInt8(truncatingIfNeeded: round)]) { headers[$0] })
        if case .next = step.step { continue }
        break
    }
    return 0
}

@_cdecl("FuzzVERA_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    prepare()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return runFuzzer(argc, argv) { fuzzOne($0, $1) }
}

/// Items written as pages: JSON arrays of at most ``maximumItems`` objects, named
/// `RESOURCE-NNNNN.json`, each the body a VERA list endpoint returns for one page.
public struct VERAPages {
    /// VERA's list endpoints return at most 100 items a page (`maxItems: 100`).
    public static let maximumItems = 100

    /// The pages made, in order.
    public private(set) var files: [(name: String, bytes: [UInt8])] = []
    let resource: String
    let itemsPerPage: Int
    private var page = JSONWriter()
    private var items = 0

    /// Pages of `resource` with `itemsPerPage` items each (at most ``maximumItems`` for a body
    /// an API could return).
    public init(resource: String, itemsPerPage: Int = VERAPages.maximumItems) {
        self.resource = resource
        self.itemsPerPage = max(1, itemsPerPage)
    }

    /// Adds one item; `body` writes its members.
    mutating func add(_ body: (inout JSONWriter) -> Void) {
        if items == 0 { page.bytes.append(UInt8(ascii: "[")) } else { page.bytes.append(UInt8(ascii: ",")) }
        page.newline()
        page.object(nil, body)
        items += 1
        if items == itemsPerPage { flush() }
    }

    private mutating func flush() {
        guard items > 0 else { return }
        page.newline()
        page.bytes.append(UInt8(ascii: "]"))
        page.newline()
        files.append((VERAPages.name(resource, files.count + 1), page.bytes))
        page = JSONWriter()
        items = 0
    }

    /// The pages, the last one closed; a resource without items has one empty page (`[]`), so
    /// a folder always shows each resource it was given.
    public mutating func finish() -> [(name: String, bytes: [UInt8])] {
        flush()
        if files.isEmpty { files.append((VERAPages.name(resource, 1), Array("[]\n".utf8))) }
        return files
    }

    /// `relaties-00002.json`.
    public static func name(_ resource: String, _ number: Int) -> String {
        let digits = String(number)
        return "\(resource)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits).json"
    }
}

extension VERAPages {
    /// Why bytes are not a page.
    public struct PageProblem: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// The items of a page (a JSON array of objects), each as its own bytes; a problem when the
    /// bytes are not a page or an item is not within the bounds the reader keeps.
    public static func items(ofPage bytes: [UInt8]) throws(PageProblem) -> [ArraySlice<UInt8>] {
        var ranges: [Range<Int>] = []
        let problem: PageProblem? = bytes.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw, position: 0, line: 1, lineStart: 0)
            func fail(_ message: String) -> PageProblem { PageProblem(line: scanner.line, column: scanner.column, message: message) }
            if raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF { scanner.position = 3 }
            guard scanner.peek() == UInt8(ascii: "[") else { return fail("not a JSON array (the body of a list endpoint)") }
            scanner.position += 1
            var tape = JSONTape()
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.position += 1
            } else {
                while true {
                    _ = scanner.peek()
                    let start = scanner.position
                    tape.reset()
                    do throws(JSONFailure) {
                        try scanner.value(into: &tape)
                    } catch {
                        return PageProblem(line: error.line, column: error.column, message: error.needsMore ? "the page ends inside an item" : error.message)
                    }
                    guard tape.nodes[0].kind == .object else { return fail("an item that is not an object") }
                    ranges.append(start..<scanner.position)
                    guard let next = scanner.peek() else { return fail("the page ends before its ']'") }
                    scanner.position += 1
                    if next == UInt8(ascii: "]") { break }
                    guard next == UInt8(ascii: ",") else { return fail("expected ',' or ']' between items") }
                }
            }
            if scanner.peek() != nil { return fail("text after the end of the page") }
            return nil
        }
        if let problem { throw problem }
        return ranges.map { bytes[$0] }
    }
}

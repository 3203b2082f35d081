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

import Foundation
import ThuisVERA

/// Fetched items written to disk as they arrive, a hundred to a page file
/// (`RESOURCE-NNNNN.json`, each a list body as VERA returns one), so that memory holds one page
/// however large the batch; the folder is committed from these files at the end.
final class PageSpool {
    private let folder: URL
    private(set) var files: [OutputFile] = []
    private var resource = ""
    private var page: [UInt8] = []
    private var itemsInPage = 0
    private var pagesOfResource = 0
    /// Items written per resource.
    private(set) var counts: [String: Int] = [:]

    init(folder: URL) { self.folder = folder }

    /// Starts the pages of `resource`.
    func begin(_ resource: String) throws {
        try flush(closing: true)
        self.resource = resource
        pagesOfResource = 0
        counts[resource] = 0
    }

    /// Adds one item (an object's bytes as the server sent them).
    func add(_ item: ArraySlice<UInt8>) throws {
        page.append(itemsInPage == 0 ? UInt8(ascii: "[") : UInt8(ascii: ","))
        page.append(UInt8(ascii: "\n"))
        page.append(contentsOf: item)
        itemsInPage += 1
        counts[resource, default: 0] += 1
        if itemsInPage == VERAPages.maximumItems { try flush(closing: false) }
    }

    /// Writes the page begun, if any; a resource without items gets one empty page.
    func finish() throws { try flush(closing: true) }

    private func flush(closing: Bool) throws {
        guard !resource.isEmpty else { return }
        if itemsInPage == 0 && !(closing && pagesOfResource == 0) { return }
        if itemsInPage == 0 { page = Array("[".utf8) }
        page.append(contentsOf: Array("\n]\n".utf8))
        pagesOfResource += 1
        let name = VERAPages.name(resource, pagesOfResource)
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.createFile(atPath: path, contents: Data(page)) else {
            throw CommandFailure(.cannotCreateOutput, "cannot stage the fetched page \(name) in \(folder.path): \(String(cString: strerror(errno)))")
        }
        files.append(OutputFile(name, .file(path)))
        page = []
        itemsInPage = 0
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ThuisCore
import ThuisVERA

/// `thuis fetch --vera-url URL --token-file FILE --out DIR --peildatum D --regio R`: pages
/// through the list endpoints of a VERA API and writes the batch as the folder `--vera DIR`
/// reads: `batch.json` and each page's body as it came (`RESOURCE-NNNNN.json`), all or nothing.
///
/// Paging follows the answer's headers: `X-Parameters-Cursor` (the next request sends it as
/// `cursor`), else `X-Parameters-Aantal` with `X-Parameters-Pagina` and
/// `X-Parameters-AantalPerPagina` (the next request asks for `pagina` + 1), else a page with
/// fewer items than asked for is the last.
public struct FetchCommand: ThuisCommand {
    public var url: String
    public var tokenFile: String
    public var outPath: String
    public var referenceDate: Day
    public var region: String
    /// Items asked for per page (`X-Parameters-AantalPerPagina`; VERA allows at most 100).
    public var pageSize = VERAPages.maximumItems
    public var attempts = 5
    public var retryDelay: Double = 1
    public var quiet = true
    /// The most pages of one resource: a server that never stops paging is an error.
    public static let maximumPages = 1_000_000

    public init(url: String, tokenFile: String, outPath: String, referenceDate: Day, region: String) {
        self.url = url
        self.tokenFile = tokenFile
        self.outPath = outPath
        self.referenceDate = referenceDate
        self.region = region
    }

    public func execute() throws -> CommandOutcome {
        try OutputFolder.requirePath(outPath)
        let client = try VERAClient.make(url: url, tokenFile: tokenFile, attempts: attempts, retryDelay: retryDelay, quiet: quiet)
        var files: [(String, [UInt8])] = [(VERABatchReader.headerName, VERABatchWriter.header(BatchInfo(version: "1.0", referenceDate: referenceDate, region: region)))]
        var counts: [String] = []
        for resource in VERABatchReader.resources {
            let pages = try fetch(resource, client)
            counts.append("\(resource) \(pages.items) in \(pages.files.count) page\(pages.files.count == 1 ? "" : "s")")
            files += pages.files
        }
        try OutputFolder.commit(files, to: outPath)
        return CommandOutcome(exit: .ok, stdout: "Fetched \(counts.joined(separator: ", ")) from \(url) into \(outPath)\n")
    }

    private func fetch(_ resource: String, _ client: VERAClient) throws -> (files: [(String, [UInt8])], items: Int) {
        var files: [(String, [UInt8])] = []
        var items = 0
        var page = 1
        var cursor: String?
        var cursors = Set<String>()
        let headers = ["X-Parameters-AantalPerPagina": String(pageSize),
                       "X-Parameters-PeiltijdstipMaterieel": "\(referenceDate)T00:00:00Z"]
        while true {
            let query = cursor.map { [URLQueryItem(name: "cursor", value: $0)] } ?? [URLQueryItem(name: "pagina", value: String(page))]
            let answer = try client.get(resource, query: query, headers: headers)
            let body = [UInt8](answer.body)
            let count: Int
            do {
                count = try VERAPages.items(ofPage: body).count
            } catch {
                throw CommandFailure(.badResponse, "GET \(resource) page \(page): the body is not a page of VERA objects (\(error))")
            }
            guard count <= pageSize else {
                throw CommandFailure(.badResponse, "GET \(resource) page \(page): \(count) items, more than the \(pageSize) asked for")
            }
            // An empty page after full ones ends the list; a resource with no items keeps its one empty page.
            if count > 0 || files.isEmpty {
                files.append((VERAPages.name(resource, files.count + 1), body))
                items += count
            }
            if count == 0 { break }
            if let next = answer.header("X-Parameters-Cursor"), !next.isEmpty {
                guard cursors.insert(next).inserted else {
                    throw CommandFailure(.badResponse, "GET \(resource): the server gave cursor \(next) twice; its paging would never end")
                }
                cursor = next
                page += 1
            } else if let total = answer.header("X-Parameters-Aantal").flatMap({ Int($0) }) {
                let perPage = answer.header("X-Parameters-AantalPerPagina").flatMap { Int($0) }.map { max(1, $0) } ?? pageSize
                let current = answer.header("X-Parameters-Pagina").flatMap { Int($0) } ?? page
                if current * perPage >= total { break }
                page = current + 1
                cursor = nil
            } else {
                if count < pageSize { break }
                page += 1
            }
            guard files.count < FetchCommand.maximumPages else {
                throw CommandFailure(.badResponse, "GET \(resource): more than \(FetchCommand.maximumPages) pages")
            }
        }
        return (files, items)
    }
}

extension VERAClient {
    /// A client for `url` with the token in `tokenFile`; usage errors for what does not fit.
    static func make(url: String, tokenFile: String, attempts: Int, retryDelay: Double, quiet: Bool) throws -> VERAClient {
        guard let base = URL(string: url), let scheme = base.scheme?.lowercased(), scheme == "http" || scheme == "https",
              base.host != nil else {
            throw CommandFailure(.usage, "--vera-url must be an http or https URL, e.g. https://wrv.example.nl/v4 (got '\(url)')")
        }
        var client = VERAClient(base: base, token: try token(fromFile: tokenFile))
        client.attempts = attempts
        client.retryDelay = retryDelay
        if !quiet { client.onRetry = { FileHandle.standardError.write(Data("thuis: \($0)\n".utf8)) } }
        return client
    }
}

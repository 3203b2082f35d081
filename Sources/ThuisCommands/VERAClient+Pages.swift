import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ThuisVERA

extension VERAClient {
    /// Every page of the list endpoint `resource`, as ``PageWalk`` follows the server's paging:
    /// `filter` is sent with each request, `each` is given the items of each page kept. Refusals
    /// are `BAD_RESPONSE` (exit 69) saying what of the paging could not be followed.
    func pages(_ resource: String, filter: [URLQueryItem] = [], pageSize: Int, headers: [String: String],
               maximumPages: Int = 10_000_000, _ each: ([ArraySlice<UInt8>]) throws -> Void) throws {
        var walk = PageWalk(asked: pageSize)
        var count = 0
        while true {
            var query = filter
            switch walk.request {
            case .first: break
            case .page(let n): query.append(URLQueryItem(name: "pagina", value: String(n)))
            case .cursor(let c): query.append(URLQueryItem(name: "cursor", value: c))
            }
            let answer = try get(resource, query: query, headers: headers)
            let body = [UInt8](answer.body)
            let items: [ArraySlice<UInt8>]
            do {
                items = try VERAPages.items(ofPage: body)
            } catch {
                let asked = query.isEmpty ? "first page" : query.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: "&")
                throw CommandFailure(.badResponse, "GET \(resource) (\(asked)): the body is not a page of VERA objects (\(error))")
            }
            let received = answer.headers
            let step = walk.take(PageWalk.Answer(items: items.count, digest: Array(Fingerprint.sha256(body).utf8.prefix(32))) { name in
                received.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
            })
            if step.keep { try each(items) }
            count += 1
            switch step.step {
            case .done: return
            case .refuse(let why): throw CommandFailure(.badResponse, "GET \(resource): \(why); nothing was written")
            case .next:
                guard count < maximumPages else {
                    throw CommandFailure(.badResponse, "GET \(resource): more than \(maximumPages) pages; nothing was written")
                }
            }
        }
    }
}

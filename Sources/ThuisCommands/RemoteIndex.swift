import Foundation
import ThuisVERA

/// What an API holds, by `idExtern`, read from its whole list: for a server that does not filter
/// on the `params` object. Read once per resource for items an earlier run left unclear, and
/// again (`fresh`) after a failure in this run, which may have stored an item since.
///
/// Threading: `lists` is touched only with `lock` held; a list is read with the lock held, so two
/// threads never read the same list at once.
final class RemoteIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [String: [String: String?]] = [:]
    private let pageSize: Int

    init(pageSize: Int) { self.pageSize = pageSize }

    /// The item's id at the API, `.some(nil)` when stored without one, nil when not stored.
    func find(_ item: PublishCommand.Item, _ client: VERAClient, fresh: Bool) throws -> String?? {
        lock.lock()
        defer { lock.unlock() }
        if fresh || lists[item.resource] == nil {
            var found: [String: String?] = [:]
            try client.pages(item.resource, pageSize: pageSize, headers: ["X-Parameters-AantalPerPagina": String(pageSize)]) { items in
                for item in items {
                    if let refs = ItemReferences.of(item), let key = refs.externalID, found[key] == nil { found[key] = .some(refs.id) }
                }
            }
            lists[item.resource] = found
        }
        return lists[item.resource]![item.key]
    }
}

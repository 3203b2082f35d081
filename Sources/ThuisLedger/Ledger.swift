import Foundation
import GRDB
import ThuisCore

/// The ledger: an SQLite database of the batches run and the offers they made, with the
/// offers' outcomes, so that yearly and half-yearly quotas are met over the year and a batch is
/// never recorded twice.
///
/// Every change happens in one immediate transaction: a second run on the same ledger waits
/// for the first (up to the busy timeout) and then fails with ``LedgerError/busy``.
public final class Ledger {
    let queue: DatabaseQueue
    public let path: String

    /// Opens (or creates) the ledger at `path` and brings its schema up to date.
    public init(path: String, busyTimeout: TimeInterval = 60) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Ledger.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw LedgerError(error, path: path)
        }
    }

    /// The schema, version by version; a migration once shipped is never changed.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: batches and offers") { db in
            try db.create(table: "batch") { t in
                t.primaryKey("id", .text)
                t.column("peildatum", .text).notNull()
                t.column("region", .text).notNull()
                t.column("export_sha256", .text).notNull()
                t.column("policy_sha256", .text).notNull()
                t.column("seed", .integer).notNull()
                t.column("mechanism", .text).notNull()
                t.column("thuis_version", .text).notNull()
                t.column("started_at", .text).notNull()
                t.column("finished_at", .text).notNull()
                t.column("adverts", .integer).notNull()
                t.column("lettings", .integer).notNull()
                t.column("summary", .text).notNull()
            }
            try db.create(table: "offer") { t in
                t.column("batch_id", .text).notNull().references("batch", onDelete: .cascade)
                t.column("advert_id", .text).notNull()
                t.column("household_id", .text).notNull()
                t.column("offered_on", .text).notNull()
                t.column("municipality", .text).notNull()
                t.column("corporation", .text).notNull()
                t.column("position", .integer)
                t.column("reserved_for", .text)
                t.column("groups", .text).notNull()
                t.column("persons", .integer).notNull()
                t.column("social", .boolean).notNull()
                t.column("above_daeb", .boolean).notNull()
                t.column("benefit_eligible", .boolean).notNull()
                t.column("passend_exception", .boolean).notNull()
                t.column("refusals_before", .integer).notNull().defaults(to: 0)
                t.column("status", .text).notNull().defaults(to: "AAN")
                t.column("detail_status", .text)
                t.column("outcome_date", .text)
                t.primaryKey(["batch_id", "advert_id"])
            }
            try db.create(index: "offer_by_household", on: "offer", columns: ["household_id"])
            try db.create(index: "offer_by_day", on: "offer", columns: ["offered_on"])
        }
        return migrator
    }

    /// Runs `body` in one immediate transaction: it commits when `body` returns, and nothing of
    /// it remains when `body` throws or the process dies.
    public func transaction<T>(_ body: (LedgerTransaction) throws -> T) throws -> T {
        do {
            var result: T?
            try queue.inTransaction(.immediate) { db in
                result = try body(LedgerTransaction(db: db))
                return .commit
            }
            return result!
        } catch let error as DatabaseError {
            throw LedgerError(error, path: path)
        }
    }

    /// Reads without writing.
    public func read<T>(_ body: (LedgerTransaction) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(LedgerTransaction(db: db)) }
        } catch let error as DatabaseError {
            throw LedgerError(error, path: path)
        }
    }

    /// `ok` when SQLite's integrity check passes, else its complaints.
    public func integrityCheck() throws -> String {
        try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}

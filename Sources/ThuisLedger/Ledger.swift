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
    /// Whether this open created the ledger.
    public let created: Bool

    /// Thuis's mark in the SQLite header (`PRAGMA application_id`): "THUI".
    static let applicationID: Int32 = 0x5448_5549

    /// Opens the ledger at `path` and brings its schema up to date. A missing ledger is created
    /// only when `create` is true (``created`` then says so); a file that is not a Thuis
    /// ledger is refused before anything is written to it.
    public init(path: String, busyTimeout: TimeInterval = 60, create: Bool = false) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        guard exists || create else { throw LedgerError(kind: .missing, "no ledger at \(Ledger.absolute(path))") }
        created = !exists
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if exists {
                guard try queue.read(Ledger.isThuisLedger) else {
                    throw LedgerError(kind: .notALedger, "\(path) is not a Thuis ledger; it is left as it was")
                }
            } else {
                try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(Ledger.applicationID)") }
            }
            try Ledger.migrator.migrate(queue)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB {
                throw LedgerError(kind: .notALedger, "\(path) is not a Thuis ledger (not an SQLite database); it is left as it was")
            }
            throw LedgerError(error, path: path)
        }
    }

    /// Whether the database is a Thuis ledger: Thuis's application id, or (ledgers from before
    /// the id was set) Thuis's first migration recorded.
    static func isThuisLedger(_ db: Database) throws -> Bool {
        if try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID { return true }
        guard try db.tableExists("grdb_migrations") else { return false }
        return try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM grdb_migrations WHERE identifier = ?",
                                 arguments: ["v1: batches and offers"]) ?? false
    }

    /// `path` made absolute, for messages an operator acts on from another folder.
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
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
        migrator.registerMigration("v2: deliveries, outcome history, offers by advert") { db in
            try db.execute(sql: "PRAGMA application_id = \(Ledger.applicationID)")
            // Where each batch's outputs go, and whether they arrived: a run killed between the
            // ledger's commit and the output swap leaves a delivery the next run completes.
            try db.create(table: "delivery") { t in
                t.primaryKey("batch_id", .text).references("batch", onDelete: .cascade)
                t.column("target", .text).notNull()
                t.column("staging", .text).notNull()
                t.column("manifest_sha256", .text).notNull()
                t.column("delivered_at", .text)
            }
            // Every change of an offer's answer after the first, with what it replaced.
            try db.create(table: "outcome_history") { t in
                t.column("batch_id", .text).notNull()
                t.column("advert_id", .text).notNull()
                t.column("household_id", .text).notNull()
                t.column("old_status", .text).notNull()
                t.column("old_date", .text)
                t.column("new_status", .text).notNull()
                t.column("new_date", .text)
                t.column("source", .text).notNull()
            }
            try db.create(index: "offer_by_advert", on: "offer", columns: ["advert_id", "household_id"])
        }
        migrator.registerMigration("v3: publications") { db in
            // How each batch's lettings were let, as publication.csv has it: published later
            // from the ledger, whatever became of the night's output folder.
            try db.create(table: "publication") { t in
                t.primaryKey("batch_id", .text).references("batch", onDelete: .cascade)
                t.column("csv", .text).notNull()
            }
        }
        migrator.registerMigration("v4: answer deadlines, when each answer became known") { db in
            try db.alter(table: "offer") { t in
                // The day by which the household must answer (policy answer_days, or the export's vervaldatum).
                t.add(column: "deadline", .text)
                // The ledger's number of batches (the largest batch rowid) when the answer was
                // recorded: a batch recorded later knew the answer, one recorded earlier did not.
                // NULL for answers recorded before this version: known to every batch.
                t.add(column: "answer_known_after", .integer)
            }
            try db.create(index: "offer_by_status", on: "offer", columns: ["status", "offered_on"])
        }
        migrator.registerMigration("v5: the areas a letting lies in") { db in
            // The stadsdeel, wijk, buurt and complex of the dwelling (qualified codes, see
            // AreaKind), for quotas scoped to them; NULL where the batch had none, and for
            // offers recorded before this version.
            try db.alter(table: "offer") { t in
                for kind in AreaKind.allCases { t.add(column: Ledger.areaColumn(kind), .text) }
            }
        }
        return migrator
    }

    /// The offer table's column for an area of `kind`.
    static func areaColumn(_ kind: AreaKind) -> String {
        switch kind {
        case .borough: return "stadsdeel"
        case .district: return "wijk"
        case .neighbourhood: return "buurt"
        case .complex: return "complex"
        }
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

    /// Copies the ledger to a new file at `path` with SQLite's online backup, page by page
    /// inside one read: a consistent copy while other runs wait or read. An existing file is
    /// never replaced.
    public func backup(to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError(kind: .other, "\(Ledger.absolute(path)) exists already; a backup goes to a new file")
        }
        do {
            let copy = try DatabaseQueue(path: path)
            try queue.backup(to: copy)
            try copy.close()
        } catch let error as DatabaseError {
            unlink(path)
            throw LedgerError(error, path: path)
        }
    }

    /// `ok` when SQLite's integrity check passes, else its complaints.
    public func integrityCheck() throws -> String {
        try read { try $0.integrityCheck() }
    }
}

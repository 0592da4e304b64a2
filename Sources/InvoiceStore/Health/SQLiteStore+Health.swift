import GRDB
import StoreSeams

extension SQLiteStore: HealthProbe {
    /// Writes to a connection-local temporary table, so the check takes the write lock (a stuck writer or a
    /// read-only file fails it) and leaves the database file unchanged.
    package func ping() async throws {
        try await writer.write { db in
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS readiness_probe(x); DELETE FROM readiness_probe")
        }
    }

    package func isSchemaCurrent() async throws -> Bool {
        try await database.isSchemaCurrent()
    }
}

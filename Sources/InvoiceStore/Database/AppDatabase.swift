package import Foundation
package import GRDB

/// Owns the SQLite connection (a WAL `DatabasePool` on disk, a `DatabaseQueue` in memory for tests)
/// and brings the schema up to date on open.
///
/// Every storage seam (`StoreSeams`) is implemented on ``SQLiteStore``, which wraps one of these.
package struct AppDatabase: Sendable {
    package let writer: any DatabaseWriter

    /// Durability of commits. `full` fsyncs the WAL on every commit (survives power loss);
    /// `normal` survives process crashes (kill -9) but may lose the last commits on power loss.
    package enum Synchronous: String, Sendable, Codable {
        case full
        case normal
    }

    /// Opens (creating if needed) the database file at `path`, in WAL mode, and migrates it.
    /// - Parameters:
    ///   - path: file path; its folder is created when missing.
    ///   - busyTimeout: how long a writer waits for another process's write lock.
    ///   - walAutocheckpointPages: the log size (pages) at which a commit checkpoints it itself; set it above
    ///     SQLite's 1,000 when a ``WALCheckpointer`` does the regular work.
    package static func open(
        path: String, synchronous: Synchronous = .full, busyTimeout: TimeInterval = 10, walAutocheckpointPages: Int = 1_000
    ) throws -> AppDatabase {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.journalMode = .wal
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous == .full ? "FULL" : "NORMAL")")
            // Savepoint sub-journals and sort scratch in memory, not in temporary files.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(walAutocheckpointPages, 0))")
        }
        let pool = try DatabasePool(path: path, configuration: config)
        return try AppDatabase(pool)
    }

    /// An in-memory database for tests.
    package static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: Configuration()))
    }

    package init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Whether every migration this build knows is applied (readiness check).
    package func isSchemaCurrent() async throws -> Bool {
        try await writer.read { db in
            try Set(Self.migrator.appliedIdentifiers(db)).isSuperset(of: Self.migrator.migrations)
        }
    }
}

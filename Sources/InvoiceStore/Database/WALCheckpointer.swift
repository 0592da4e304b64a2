package import Foundation
import GRDB

/// Copies the write-ahead log back into the database file from a connection of its own, on a timer.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses `wal_autocheckpoint` pages, so every
/// webhook of that batch waits for it (at saturation, about half of the CPU left idle in a webhook run was
/// spent waiting so). Checkpointing here, PASSIVE, blocks neither the writer nor the readers; the writer's own automatic checkpoint stays as a backstop at a higher threshold
/// (``AppDatabase/open(path:synchronous:busyTimeout:walAutocheckpointPages:)``) and then finds little left to copy.
package final class WALCheckpointer: Sendable {
    /// What one checkpoint found and did, in WAL frames (pages).
    package struct Progress: Sendable, Equatable {
        /// Frames in the log.
        package var logFrames: Int
        /// Of those, frames now copied into the database file.
        package var checkpointedFrames: Int
    }

    package let interval: Duration
    private let connection: DatabaseQueue

    /// - Parameters:
    ///   - path: the database file the app's pool writes.
    ///   - interval: time between two checkpoints.
    package init(path: String, interval: Duration, busyTimeout: TimeInterval = 10) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "invoice-relay.checkpointer"
        connection = try DatabaseQueue(path: path, configuration: config)
        self.interval = interval
    }

    /// One PASSIVE checkpoint: copies what no reader still needs, without waiting for anyone.
    @discardableResult
    package func checkpoint() throws -> Progress {
        try connection.writeWithoutTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return Progress(logFrames: 0, checkpointedFrames: 0) }
            return Progress(logFrames: row[1], checkpointedFrames: row[2])
        }
    }

    /// Checkpoints every ``interval`` until the task is cancelled; a failed checkpoint is retried at the next turn
    /// (the writer's automatic checkpoint covers the gap).
    package func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            _ = try? checkpoint()
        }
    }
}

import Foundation
import Logging
package import PostgresNIO
import StoreSeams

/// The PostgreSQL implementation of every storage seam declared in `StoreSeams` (see the `PostgresStore+*.swift`
/// files), for several relays sharing one database.
///
/// The store borrows a running ``PostgresClient`` (its pool); whoever builds the store runs the client, as the
/// first service of the group (`PostgresClient` is itself a swift-service-lifecycle `Service`). Every value is
/// bound (`PostgresQuery` interpolation binds, it never splices text into SQL).
///
/// Concurrency between instances is settled in the database, never in memory:
/// - writes to one invoice serialise on a transaction-scoped advisory lock keyed by the invoice id (taken in
///   sorted order for a batch, so two batches never deadlock), which also covers an invoice not stored yet;
/// - one event is stored once: the unique `(source, event_id)` key, with the event's own lock taken before the insert;
/// - an outbox row is claimed by one instance: `FOR UPDATE SKIP LOCKED` inside the claiming `UPDATE`, with a lease.
package struct PostgresStore: Sendable {
    package let client: PostgresClient
    let logger: Logger

    package init(client: PostgresClient, logger: Logger = Logger(label: "invoice-relay.postgres")) {
        self.client = client
        self.logger = logger
    }

    /// Runs `body` on one pooled connection, outside an explicit transaction (each statement commits alone).
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection) }
    }

    /// Runs `body` in one transaction on one pooled connection: committed when it returns, rolled back when it throws.
    /// - Throws: the error `body` threw, unwrapped (callers see `StoreError`s as they were thrown).
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            let value: T
            do {
                value = try await body(connection)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
            try await connection.query("COMMIT", logger: logger)
            return value
        }
    }

    /// Runs `body` in a savepoint of the current transaction: when it throws, only its own changes are rolled back,
    /// and the error is rethrown. The group commit isolates each event of a batch this way.
    func inSavepoint<T: Sendable>(_ connection: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        try await connection.query("SAVEPOINT item", logger: logger)
        do {
            let value = try await body()
            try await connection.query("RELEASE SAVEPOINT item", logger: logger)
            return value
        } catch {
            try await connection.query("ROLLBACK TO SAVEPOINT item", logger: logger)
            try await connection.query("RELEASE SAVEPOINT item", logger: logger)
            throw error
        }
    }

    /// Writes `items` in one transaction; only when one fails is the batch written again with each item in its own
    /// savepoint, so the others still commit (as SQLite's store does: the isolation costs two round trips per
    /// item, paid only by a batch that needs it).
    /// - Parameter locks: advisory locks (``LockKey``) taken, in sorted order, before the first item.
    /// - Returns: one outcome per item, in order.
    /// - Throws: when even the isolated write's transaction fails (nothing is written).
    func writeBatch<Item: Sendable, Output: Sendable>(
        _ items: [Item], locks: [String] = [], _ write: @escaping @Sendable (Item, PostgresConnection) async throws -> Output
    ) async throws -> [Result<Output, any Error>] {
        do {
            return try await self.write { connection in
                try await lock(locks, connection)
                var results: [Result<Output, any Error>] = []
                results.reserveCapacity(items.count)
                for item in items { results.append(.success(try await write(item, connection))) }
                return results
            }
        } catch where items.count > 1 {
            // Nothing of the batch was committed; find the failing items and commit the rest.
            return try await self.write { connection in
                try await lock(locks, connection)
                var results: [Result<Output, any Error>] = []
                results.reserveCapacity(items.count)
                for item in items {
                    do {
                        results.append(.success(try await inSavepoint(connection) { try await write(item, connection) }))
                    } catch {
                        results.append(.failure(error))
                    }
                }
                return results
            }
        }
    }

    /// Takes the transaction-scoped advisory locks named by `keys`, in a fixed (sorted) order so that two
    /// transactions locking overlapping sets never deadlock. Released at commit or rollback.
    func lock(_ keys: [String], _ connection: PostgresConnection) async throws {
        let ids = Array(Set(keys.map(LockKey.id))).sorted()
        guard !ids.isEmpty else { return }
        if ids.count == 1 {
            try await connection.query("SELECT pg_advisory_xact_lock(\(ids[0]))", logger: logger)
        } else {
            try await connection.query("SELECT pg_advisory_xact_lock(k) FROM unnest(\(ids)::int8[]) WITH ORDINALITY AS t(k, n) ORDER BY n", logger: logger)
        }
    }
}

/// Names of advisory locks, hashed to the 64-bit keys PostgreSQL takes (FNV-1a: stable across processes and builds,
/// unlike `Hasher`). A collision only serialises two unrelated writers.
enum LockKey {
    static func invoice(_ id: String) -> String { "invoice:\(id)" }
    static func event(source: String, eventId: String) -> String { "event:\(source)\u{1F}\(eventId)" }
    static func template(_ id: String) -> String { "template:\(id)" }
    static func tokenName(_ name: String) -> String { "token:\(name)" }
    static let migrations = "schema_migrations"

    static func id(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

extension PostgresRandomAccessRow {
    /// The value of `column`, decoded as `T` (an optional type reads SQL `NULL` as `nil`).
    func value<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

extension PostgresRowSequence {
    /// Every row, for random access by column name.
    func rows() async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in self { rows.append(row.makeRandomAccess()) }
        return rows
    }
}

extension PSQLError {
    /// Whether the server refused the statement for breaking a unique constraint (SQLSTATE 23505).
    var isUniqueViolation: Bool { serverInfo?[.sqlState] == "23505" }
}

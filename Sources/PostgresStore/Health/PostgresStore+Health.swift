import PostgresNIO
import StoreSeams

extension PostgresStore: HealthProbe {
    /// Fails unless a pooled connection answers and the server accepts writes (not a read-only standby).
    package func ping() async throws {
        try await read { connection in
            let readOnly = try await connection.query("SELECT pg_is_in_recovery()", logger: logger).decode(Bool.self).reduce(false) { $0 || $1 }
            if readOnly { throw StoreError.invalid("the PostgreSQL server is a read-only standby") }
        }
    }

    package func isSchemaCurrent() async throws -> Bool {
        try await read { connection in try await PostgresMigrations.isCurrent(connection, logger: logger) }
    }
}

package import Foundation
import PostgresNIO
import StoreSeams

extension PostgresStore: LeaderLeases {
    /// One statement takes or renews the lease: the upsert only overwrites a row that is `holder`'s own or has
    /// lapsed by the database's clock, and returns a row only when `holder` holds the lease afterwards.
    package func acquireLeadership(role: String, holder: String, duration: TimeInterval) async throws -> Bool {
        let milliseconds = Int64((duration * 1000).rounded())
        return try await read { connection in
            try await !connection.query("""
                INSERT INTO leader_lease (role, holder, expires_at)
                VALUES (\(role), \(holder), clock_timestamp() + \(milliseconds) * interval '1 millisecond')
                ON CONFLICT (role) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE leader_lease.holder = excluded.holder OR leader_lease.expires_at < clock_timestamp()
                RETURNING holder
                """, logger: logger).rows().isEmpty
        }
    }

    package func releaseLeadership(role: String, holder: String) async throws {
        _ = try await read { connection in
            try await connection.query("DELETE FROM leader_lease WHERE role = \(role) AND holder = \(holder)", logger: logger)
        }
    }
}

package import Foundation
import PostgresNIO
package import StoreSeams

extension PostgresStore: ConsoleSessionStore {
    package func createConsoleSession(_ session: ConsoleSession) async throws {
        _ = try await read { connection in
            try await connection.query("""
                INSERT INTO console_session (id_hash, token_id, token_prefix, csrf_token, created_at, last_seen_at)
                VALUES (\(session.idHash), \(session.tokenId), \(session.tokenPrefix), \(session.csrfToken), \(session.createdAt),
                        \(session.lastSeenAt))
                """, logger: logger)
        }
    }

    package func consoleSession(idHash: String) async throws -> ConsoleSession? {
        try await read { connection in
            guard let row = try await connection.query(
                "SELECT id_hash, token_id, token_prefix, csrf_token, created_at, last_seen_at FROM console_session WHERE id_hash = \(idHash)",
                logger: logger
            ).rows().first else { return nil }
            return ConsoleSession(
                idHash: try row.value("id_hash"), tokenId: try row.value("token_id"), tokenPrefix: try row.value("token_prefix"),
                csrfToken: try row.value("csrf_token"), createdAt: try row.value("created_at"), lastSeenAt: try row.value("last_seen_at")
            )
        }
    }

    package func touchConsoleSession(idHash: String, at: Date) async throws {
        _ = try await read { connection in
            try await connection.query("UPDATE console_session SET last_seen_at = \(at) WHERE id_hash = \(idHash)", logger: logger)
        }
    }

    package func deleteConsoleSession(idHash: String) async throws {
        _ = try await read { connection in
            try await connection.query("DELETE FROM console_session WHERE id_hash = \(idHash)", logger: logger)
        }
    }

    @discardableResult
    package func deleteConsoleSessions(idleBefore: Date, createdBefore: Date) async throws -> Int {
        try await read { connection in
            try await connection.query(
                "DELETE FROM console_session WHERE last_seen_at < \(idleBefore) OR created_at < \(createdBefore) RETURNING id_hash",
                logger: logger
            ).rows().count
        }
    }
}

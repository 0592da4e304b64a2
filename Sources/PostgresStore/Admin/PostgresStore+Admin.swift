package import Foundation
import PostgresNIO
package import StoreSeams

extension PostgresStore: TokenAuthentication, TokenAdministration, AuditLog, IdempotencyKeys {
    static let idempotencyRetention: TimeInterval = 24 * 3600

    // MARK: - Tokens

    /// Creates a token unless an active one has the same name; relays creating the same name at once take turns on
    /// the name's lock.
    package func createToken(_ token: NewAPIToken, now: Date) async throws -> APIToken {
        let logger = logger
        return try await write { connection in
            try await lock([LockKey.tokenName(token.name)], connection)
            let named = try await connection.query(
                "SELECT * FROM api_token WHERE name = \(token.name) AND revoked_at IS NULL", logger: logger
            ).rows().map(Self.token)
            guard !named.contains(where: { $0.isActive(at: now) }) else {
                throw StoreError.conflict("an active token named '\(token.name)' already exists; revoke it or pick another name")
            }
            let rows = try await connection.query("""
                INSERT INTO api_token (name, prefix, token_hash, scope, created_at, expires_at)
                VALUES (\(token.name), \(token.prefix), \(token.tokenHash), \(token.scope.rawValue), \(now), \(token.expiresAt))
                ON CONFLICT (prefix) DO NOTHING
                RETURNING *
                """, logger: logger).rows()
            guard let row = rows.first else { throw StoreError.conflict("token prefix collision; generate a new token") }
            return try Self.token(row)
        }
    }

    package func token(prefix: String) async throws -> APIToken? {
        try await read { connection in
            try await connection.query("SELECT * FROM api_token WHERE prefix = \(prefix)", logger: logger).rows().first.map(Self.token)
        }
    }

    package func tokens(includeRevoked: Bool) async throws -> [APIToken] {
        try await read { connection in
            let query: PostgresQuery = includeRevoked
                ? "SELECT * FROM api_token ORDER BY id"
                : "SELECT * FROM api_token WHERE revoked_at IS NULL ORDER BY id"
            return try await connection.query(query, logger: logger).rows().map(Self.token)
        }
    }

    package func revokeTokens(matching reference: String, now: Date) async throws -> [APIToken] {
        let logger = logger
        return try await write { connection in
            var matches = try await connection.query("SELECT * FROM api_token WHERE prefix = \(reference) FOR UPDATE", logger: logger).rows().map(Self.token)
            if matches.isEmpty, let id = Int64(reference) {
                matches = try await connection.query("SELECT * FROM api_token WHERE id = \(id) FOR UPDATE", logger: logger).rows().map(Self.token)
            }
            if matches.isEmpty {
                let named = try await connection.query(
                    "SELECT * FROM api_token WHERE name = \(reference) ORDER BY id FOR UPDATE", logger: logger
                ).rows().map(Self.token)
                matches = named.filter { $0.revokedAt == nil }
                if matches.isEmpty, !named.isEmpty {
                    throw StoreError.conflict("every token named '\(reference)' is already revoked")
                }
            }
            guard !matches.isEmpty else { throw StoreError.notFound("no token with id, prefix or name '\(reference)'") }
            if matches.allSatisfy({ $0.revokedAt != nil }) {
                throw StoreError.conflict("token '\(reference)' is already revoked")
            }
            var revoked: [APIToken] = []
            for var token in matches where token.revokedAt == nil {
                try await connection.query("UPDATE api_token SET revoked_at = \(now) WHERE id = \(token.id)", logger: logger)
                token.revokedAt = now
                revoked.append(token)
            }
            return revoked
        }
    }

    package func markTokenUsed(id: Int64, at: Date) async throws {
        _ = try await read { connection in
            try await connection.query("UPDATE api_token SET last_used_at = \(at) WHERE id = \(id)", logger: logger)
        }
    }

    static func token(_ row: PostgresRandomAccessRow) throws -> APIToken {
        let scope: String = try row.value("scope")
        return APIToken(
            id: try row.value("id"), name: try row.value("name"), prefix: try row.value("prefix"), tokenHash: try row.value("token_hash"),
            scope: TokenScope(rawValue: scope) ?? .read, createdAt: try row.value("created_at"), expiresAt: try row.value("expires_at"),
            revokedAt: try row.value("revoked_at"), lastUsedAt: try row.value("last_used_at")
        )
    }

    // MARK: - Audit log

    @discardableResult
    package func appendAudit(actor: String, action: String, target: String?, detail: String?, at: Date) async throws -> AuditEntry {
        try await read { connection in
            let rows = try await connection.query("""
                INSERT INTO audit_log (at, actor, action, target, detail) VALUES (\(at), \(actor), \(action), \(target), \(detail))
                RETURNING id
                """, logger: logger).rows()
            guard let id = try rows.first?.value("id", as: Int64.self) else { throw StoreError.invalid("the audit entry was not stored") }
            return AuditEntry(id: id, at: at, actor: actor, action: action, target: target, detail: detail)
        }
    }

    package func auditEntries(matching filter: AuditFilter, limit: Int, before: Int64?) async throws -> [AuditEntry] {
        var query = SQLBuilder("SELECT * FROM audit_log")
        if let actor = filter.actor { try query.filter("actor = ?", actor) }
        if let action = filter.action { try query.filter("action = ?", action) }
        if let target = filter.target { try query.filter("target = ?", target) }
        if let before { try query.filter("id < ?", before) }
        let built = try query.query("ORDER BY id DESC LIMIT ?", limit: limit)
        return try await read { connection in
            try await connection.query(built, logger: logger).rows().map { row in
                AuditEntry(
                    id: try row.value("id"), at: try row.value("at"), actor: try row.value("actor"), action: try row.value("action"),
                    target: try row.value("target"), detail: try row.value("detail")
                )
            }
        }
    }

    // MARK: - Idempotency keys

    /// The insert is the claim: of relays racing on one key, one inserts (`started`); the others wait on its row
    /// lock, then read it (`inProgress`, `replay` or `mismatch`).
    package func beginIdempotentRequest(actor: String, key: String, requestHash: String, now: Date, staleAfter: TimeInterval) async throws -> IdempotencyOutcome {
        let logger = logger
        return try await write { connection in
            try await connection.query(
                "DELETE FROM idempotency_record WHERE created_at < \(now.addingTimeInterval(-Self.idempotencyRetention))", logger: logger
            )
            let inserted = try await connection.query("""
                INSERT INTO idempotency_record (key, actor, request_hash, status, response_body, created_at)
                VALUES (\(key), \(actor), \(requestHash), 0, \(Data()), \(now))
                ON CONFLICT (actor, key) DO NOTHING
                RETURNING key
                """, logger: logger).rows()
            guard inserted.isEmpty else { return .started }
            guard let row = try await connection.query(
                "SELECT * FROM idempotency_record WHERE actor = \(actor) AND key = \(key) FOR UPDATE", logger: logger
            ).rows().first else { return .inProgress }
            guard try row.value("request_hash", as: String.self) == requestHash else { return .mismatch }
            let status = Int(try row.value("status", as: Int64.self))
            if status != 0 { return .replay(status: status, body: Array(try row.value("response_body", as: Data.self))) }
            guard try row.value("created_at", as: Date.self) <= now.addingTimeInterval(-staleAfter) else { return .inProgress }
            try await connection.query("UPDATE idempotency_record SET created_at = \(now) WHERE actor = \(actor) AND key = \(key)", logger: logger)
            return .started
        }
    }

    package func finishIdempotentRequest(actor: String, key: String, status: Int, body: [UInt8]) async throws {
        _ = try await read { connection in
            try await connection.query(
                "UPDATE idempotency_record SET status = \(Int64(status)), response_body = \(Data(body)) WHERE actor = \(actor) AND key = \(key)",
                logger: logger
            )
        }
    }

    package func abandonIdempotentRequest(actor: String, key: String) async throws {
        _ = try await read { connection in
            try await connection.query("DELETE FROM idempotency_record WHERE actor = \(actor) AND key = \(key) AND status = 0", logger: logger)
        }
    }
}

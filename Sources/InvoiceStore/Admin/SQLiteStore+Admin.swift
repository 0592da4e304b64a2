package import Foundation
import GRDB
package import StoreSeams

extension SQLiteStore: TokenAuthentication, TokenAdministration, AuditLog, IdempotencyKeys {
    /// Idempotency records are kept this long (as Stripe does), then pruned.
    static let idempotencyRetention: TimeInterval = 24 * 3600

    // MARK: - Tokens

    package func createToken(_ token: NewAPIToken, now: Date) async throws -> APIToken {
        try await writer.write { db in
            let active = try APITokenRecord
                .filter(APITokenRecord.Columns.name == token.name && APITokenRecord.Columns.revokedAt == nil)
                .fetchAll(db)
                .filter { $0.token.isActive(at: now) }
            guard active.isEmpty else {
                throw StoreError.conflict("an active token named '\(token.name)' already exists; revoke it or pick another name")
            }
            guard try APITokenRecord.filter(APITokenRecord.Columns.prefix == token.prefix).fetchCount(db) == 0 else {
                throw StoreError.conflict("token prefix collision; generate a new token")
            }
            var record = APITokenRecord(
                id: nil, name: token.name, prefix: token.prefix, tokenHash: token.tokenHash, scope: token.scope.rawValue,
                createdAt: now, expiresAt: token.expiresAt, revokedAt: nil, lastUsedAt: nil
            )
            // PersistableRecord.insert does not call back `didInsert` on our copy: read the row id ourselves.
            try record.insert(db)
            record.id = db.lastInsertedRowID
            return record.token
        }
    }

    package func token(prefix: String) async throws -> APIToken? {
        try await writer.read { db in
            try APITokenRecord.filter(APITokenRecord.Columns.prefix == prefix).fetchOne(db)?.token
        }
    }

    package func tokens(includeRevoked: Bool) async throws -> [APIToken] {
        try await writer.read { db in
            var request = APITokenRecord.all()
            if !includeRevoked { request = request.filter(APITokenRecord.Columns.revokedAt == nil) }
            return try request.order(APITokenRecord.Columns.id).fetchAll(db).map(\.token)
        }
    }

    package func revokeTokens(matching reference: String, now: Date) async throws -> [APIToken] {
        try await writer.write { db in
            var matches = try APITokenRecord.filter(APITokenRecord.Columns.prefix == reference).fetchAll(db)
            if matches.isEmpty, let id = Int64(reference) {
                matches = try APITokenRecord.filter(key: id).fetchAll(db)
            }
            if matches.isEmpty {
                let named = try APITokenRecord.filter(APITokenRecord.Columns.name == reference).fetchAll(db)
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
            for var record in matches where record.revokedAt == nil {
                record.revokedAt = now
                try record.update(db, columns: ["revokedAt"])
                revoked.append(record.token)
            }
            return revoked
        }
    }

    package func markTokenUsed(id: Int64, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [at, id])
        }
    }

    // MARK: - Audit log

    @discardableResult
    package func appendAudit(actor: String, action: String, target: String?, detail: String?, at: Date) async throws -> AuditEntry {
        try await writer.write { db in
            var record = AuditRecord(id: nil, at: at, actor: actor, action: action, target: target, detail: detail)
            try record.insert(db)
            record.id = db.lastInsertedRowID
            return record.entry
        }
    }

    package func auditEntries(matching filter: AuditFilter, limit: Int, before: Int64?) async throws -> [AuditEntry] {
        try await writer.read { db in
            var request = AuditRecord.all()
            if let actor = filter.actor { request = request.filter(AuditRecord.Columns.actor == actor) }
            if let action = filter.action { request = request.filter(AuditRecord.Columns.action == action) }
            if let target = filter.target { request = request.filter(AuditRecord.Columns.target == target) }
            if let before { request = request.filter(AuditRecord.Columns.id < before) }
            return try request.order(AuditRecord.Columns.id.desc).limit(limit).fetchAll(db).map(\.entry)
        }
    }

    // MARK: - Idempotency keys

    package func beginIdempotentRequest(actor: String, key: String, requestHash: String, now: Date, staleAfter: TimeInterval) async throws -> IdempotencyOutcome {
        try await writer.write { db in
            try IdempotencyRecord
                .filter(IdempotencyRecord.Columns.createdAt < now.addingTimeInterval(-Self.idempotencyRetention))
                .deleteAll(db)
            let existing = try IdempotencyRecord
                .filter(IdempotencyRecord.Columns.actor == actor && IdempotencyRecord.Columns.key == key)
                .fetchOne(db)
            guard var existing else {
                try IdempotencyRecord(key: key, actor: actor, requestHash: requestHash, status: 0, responseBody: Data(), createdAt: now).insert(db)
                return .started
            }
            guard existing.requestHash == requestHash else { return .mismatch }
            if existing.status != 0 { return .replay(status: existing.status, body: Array(existing.responseBody)) }
            guard existing.createdAt <= now.addingTimeInterval(-staleAfter) else { return .inProgress }
            existing.createdAt = now
            try existing.update(db, columns: ["createdAt"])
            return .started
        }
    }

    package func finishIdempotentRequest(actor: String, key: String, status: Int, body: [UInt8]) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE idempotencyRecord SET status = ?, responseBody = ? WHERE actor = ? AND key = ?",
                arguments: [status, Data(body), actor, key]
            )
        }
    }

    package func abandonIdempotentRequest(actor: String, key: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM idempotencyRecord WHERE actor = ? AND key = ? AND status = 0", arguments: [actor, key])
        }
    }
}

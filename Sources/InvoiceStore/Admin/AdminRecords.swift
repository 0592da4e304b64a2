import Foundation
import GRDB
import StoreSeams

/// Row of the `apiToken` table.
struct APITokenRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "apiToken"

    var id: Int64?
    var name: String
    var prefix: String
    var tokenHash: String
    var scope: String
    var createdAt: Date
    var expiresAt: Date?
    var revokedAt: Date?
    var lastUsedAt: Date?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let prefix = Column(CodingKeys.prefix)
        static let revokedAt = Column(CodingKeys.revokedAt)
    }

    var token: APIToken {
        APIToken(
            id: id ?? 0, name: name, prefix: prefix, tokenHash: tokenHash, scope: TokenScope(rawValue: scope) ?? .read,
            createdAt: createdAt, expiresAt: expiresAt, revokedAt: revokedAt, lastUsedAt: lastUsedAt
        )
    }
}

/// Row of the `auditLog` table.
struct AuditRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "auditLog"

    var id: Int64?
    var at: Date
    var actor: String
    var action: String
    var target: String?
    var detail: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let actor = Column(CodingKeys.actor)
        static let action = Column(CodingKeys.action)
        static let target = Column(CodingKeys.target)
    }

    var entry: AuditEntry {
        AuditEntry(id: id ?? 0, at: at, actor: actor, action: action, target: target, detail: detail)
    }
}

/// Row of the `idempotencyRecord` table. `status` 0 marks a reservation whose request is still running.
struct IdempotencyRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "idempotencyRecord"

    var key: String
    var actor: String
    var requestHash: String
    var status: Int
    var responseBody: Data
    var createdAt: Date

    enum Columns {
        static let key = Column(CodingKeys.key)
        static let actor = Column(CodingKeys.actor)
        static let status = Column(CodingKeys.status)
        static let createdAt = Column(CodingKeys.createdAt)
    }
}

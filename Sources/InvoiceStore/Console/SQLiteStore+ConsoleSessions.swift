package import Foundation
import GRDB
package import StoreSeams

/// Row of the `consoleSession` table.
struct ConsoleSessionRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "consoleSession"

    var idHash: String
    var tokenId: Int64
    var tokenPrefix: String
    var csrfToken: String
    var createdAt: Date
    var lastSeenAt: Date

    enum Columns {
        static let idHash = Column(CodingKeys.idHash)
        static let createdAt = Column(CodingKeys.createdAt)
        static let lastSeenAt = Column(CodingKeys.lastSeenAt)
    }

    init(_ session: ConsoleSession) {
        idHash = session.idHash
        tokenId = session.tokenId
        tokenPrefix = session.tokenPrefix
        csrfToken = session.csrfToken
        createdAt = session.createdAt
        lastSeenAt = session.lastSeenAt
    }

    var session: ConsoleSession {
        ConsoleSession(idHash: idHash, tokenId: tokenId, tokenPrefix: tokenPrefix, csrfToken: csrfToken, createdAt: createdAt, lastSeenAt: lastSeenAt)
    }
}

extension SQLiteStore: ConsoleSessionStore {
    package func createConsoleSession(_ session: ConsoleSession) async throws {
        try await writer.write { db in
            try ConsoleSessionRecord(session).insert(db)
        }
    }

    package func consoleSession(idHash: String) async throws -> ConsoleSession? {
        try await writer.read { db in
            try ConsoleSessionRecord.filter(ConsoleSessionRecord.Columns.idHash == idHash).fetchOne(db)?.session
        }
    }

    package func touchConsoleSession(idHash: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE consoleSession SET lastSeenAt = ? WHERE idHash = ?", arguments: [at, idHash])
        }
    }

    package func deleteConsoleSession(idHash: String) async throws {
        try await writer.write { db in
            _ = try ConsoleSessionRecord.filter(ConsoleSessionRecord.Columns.idHash == idHash).deleteAll(db)
        }
    }

    @discardableResult
    package func deleteConsoleSessions(idleBefore: Date, createdBefore: Date) async throws -> Int {
        try await writer.write { db in
            try ConsoleSessionRecord
                .filter(ConsoleSessionRecord.Columns.lastSeenAt < idleBefore || ConsoleSessionRecord.Columns.createdAt < createdBefore)
                .deleteAll(db)
        }
    }
}

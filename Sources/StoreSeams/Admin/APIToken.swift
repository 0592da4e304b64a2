package import Foundation

/// An admin API token as stored: never the token itself, only its SHA-256 hash and a short,
/// non-secret prefix used to find the row before the hash is compared.
package struct APIToken: Sendable, Equatable, Codable {
    package var id: Int64
    package var name: String
    /// The first characters of the token (`irt_` + 8), unique; shown in listings to tell tokens apart.
    package var prefix: String
    /// Lower-case hex SHA-256 of the whole token.
    package var tokenHash: String
    package var scope: TokenScope
    package var createdAt: Date
    package var expiresAt: Date?
    package var revokedAt: Date?
    package var lastUsedAt: Date?

    package init(id: Int64, name: String, prefix: String, tokenHash: String, scope: TokenScope, createdAt: Date, expiresAt: Date?, revokedAt: Date?, lastUsedAt: Date?) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.tokenHash = tokenHash
        self.scope = scope
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    /// Neither revoked nor expired at `now`.
    package func isActive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

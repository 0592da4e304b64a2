package import Foundation
package import StoreSeams

/// A token as listed: everything but its hash.
package struct APITokenView: Encodable, Sendable {
    package var id: Int64
    package var name: String
    package var prefix: String
    package var scope: String
    /// `active`, `expired` or `revoked`.
    package var state: String
    package var createdAt: Date
    package var expiresAt: Date?
    package var revokedAt: Date?
    package var lastUsedAt: Date?

    package init(_ token: APIToken, now: Date) {
        id = token.id
        name = token.name
        prefix = token.prefix
        scope = token.scope.rawValue
        state = token.revokedAt != nil ? "revoked" : (token.isActive(at: now) ? "active" : "expired")
        createdAt = token.createdAt
        expiresAt = token.expiresAt
        revokedAt = token.revokedAt
        lastUsedAt = token.lastUsedAt
    }
}

/// A newly created token. `secret` is the bearer token itself: shown this once, never stored.
package struct IssuedToken: Encodable, Sendable {
    package var token: APITokenView
    package var secret: String
}

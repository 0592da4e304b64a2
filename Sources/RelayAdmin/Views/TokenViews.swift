import Foundation
import StoreSeams

/// A token as listed: everything but its hash.
public struct APITokenView: Encodable, Sendable {
    public var id: Int64
    public var name: String
    public var prefix: String
    public var scope: String
    /// `active`, `expired` or `revoked`.
    public var state: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(_ token: APIToken, now: Date) {
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
public struct IssuedToken: Encodable, Sendable {
    public var token: APITokenView
    public var secret: String
}

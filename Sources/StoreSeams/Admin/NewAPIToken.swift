import Foundation

/// A token to store: its hash and prefix, computed by the caller (the secret never reaches the store).
public struct NewAPIToken: Sendable, Equatable {
    public var name: String
    public var prefix: String
    public var tokenHash: String
    public var scope: TokenScope
    public var expiresAt: Date?

    public init(name: String, prefix: String, tokenHash: String, scope: TokenScope, expiresAt: Date?) {
        self.name = name
        self.prefix = prefix
        self.tokenHash = tokenHash
        self.scope = scope
        self.expiresAt = expiresAt
    }
}

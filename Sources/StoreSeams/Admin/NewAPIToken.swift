package import Foundation

/// A token to store: its hash and prefix, computed by the caller (the secret never reaches the store).
package struct NewAPIToken: Sendable, Equatable {
    package var name: String
    package var prefix: String
    package var tokenHash: String
    package var scope: TokenScope
    package var expiresAt: Date?

    package init(name: String, prefix: String, tokenHash: String, scope: TokenScope, expiresAt: Date?) {
        self.name = name
        self.prefix = prefix
        self.tokenHash = tokenHash
        self.scope = scope
        self.expiresAt = expiresAt
    }
}

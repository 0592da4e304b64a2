import Foundation
package import InvoiceDomain
package import StoreSeams

/// Checks an API token presented by an admin (the HTTP API's bearer token, the console's sign-in).
///
/// The token's prefix finds at most one stored row; the SHA-256 of the presented token is then compared
/// with the stored hash in constant time (against a decoy when no row matched, so both paths do the same
/// work). Missing, malformed, unknown, expired and revoked tokens are all ``AdminError/Kind/unauthorized``.
package struct AdminAuthenticator: Sendable {
    let store: any TokenAuthentication
    let clock: any WallClock
    /// `lastUsedAt` is refreshed at most this often per token, so reads do not each cost a write.
    static let usageGranularity: TimeInterval = 60

    package init(store: any TokenAuthentication, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// - Returns: the stored token whose secret `presented` is.
    /// - Throws: ``AdminError`` `unauthorized`; store errors.
    package func authenticate(token presented: String) async throws -> APIToken {
        guard let prefix = AdminTokens.prefix(of: presented) else { throw AdminError.unauthorized }

        let candidate = try await store.token(prefix: prefix)
        let matches = ConstantTime.equals(Array(AdminTokens.hash(presented).utf8), Array((candidate?.tokenHash ?? AdminTokens.decoyHash).utf8))
        guard matches, let token = candidate else { throw AdminError.unauthorized }

        // The caller proved possession of this token, so saying why it no longer works reveals nothing.
        let now = clock.now()
        if token.revokedAt != nil {
            throw AdminError(.unauthorized, code: "unauthorized", message: "this token was revoked")
        }
        if let expiresAt = token.expiresAt, expiresAt <= now {
            throw AdminError(.unauthorized, code: "unauthorized", message: "this token has expired")
        }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.usageGranularity }) ?? true {
            try? await store.markTokenUsed(id: token.id, at: now)
        }
        return token
    }
}

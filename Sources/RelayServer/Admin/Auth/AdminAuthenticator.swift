import Foundation
import Hummingbird
import InvoiceDomain
import StoreSeams

/// Checks the `Authorization: Bearer <token>` of an admin request.
///
/// The token's prefix finds at most one stored row; the SHA-256 of the presented token is then compared
/// with the stored hash in constant time (against a decoy when no row matched, so both paths do the same
/// work). Missing, malformed, unknown, expired and revoked tokens all get 401 `unauthorized`.
struct AdminAuthenticator: Sendable {
    let store: any TokenAuthentication
    let clock: any WallClock
    /// `lastUsedAt` is refreshed at most this often per token, so reads do not each cost a write.
    static let usageGranularity: TimeInterval = 60

    func authenticate(_ authorization: String?) async throws -> APIToken {
        guard let authorization else { throw APIError.unauthorized }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let presented = parts[1].trimmingCharacters(in: .whitespaces)
        guard let prefix = AdminTokens.prefix(of: presented) else { throw APIError.unauthorized }

        let candidate = try await store.token(prefix: prefix)
        let matches = ConstantTime.equals(Array(AdminTokens.hash(presented).utf8), Array((candidate?.tokenHash ?? AdminTokens.decoyHash).utf8))
        guard matches, let token = candidate else { throw APIError.unauthorized }

        // The caller proved possession of this token, so saying why it no longer works reveals nothing.
        let now = clock.now()
        if token.revokedAt != nil {
            throw APIError(.unauthorized, code: "unauthorized", message: "this token was revoked", headers: [.wwwAuthenticate: "Bearer"])
        }
        if let expiresAt = token.expiresAt, expiresAt <= now {
            throw APIError(.unauthorized, code: "unauthorized", message: "this token has expired", headers: [.wwwAuthenticate: "Bearer"])
        }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.usageGranularity }) ?? true {
            try? await store.markTokenUsed(id: token.id, at: now)
        }
        return token
    }
}

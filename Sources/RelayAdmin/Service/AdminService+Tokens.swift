package import Foundation
package import StoreSeams
import InvoiceDomain

extension AdminService {
    /// Creates a token and returns it with its secret, which is shown only here.
    /// - Parameters:
    ///   - name: 1–64 of `A–Z a–z 0–9 . _ -`, not all digits; unique among active tokens (rotation: create
    ///     `deploy-2`, switch clients, revoke `deploy`).
    ///   - expiresIn: lifetime from now; `nil` for a token that does not expire.
    /// - Throws: ``AdminError`` `invalid_token_name`; `token_exists` (409) for a taken name.
    package func createToken(name: String, scope: TokenScope, expiresIn: TimeInterval?, actor: String) async throws -> IssuedToken {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard (1...64).contains(name.count), name.allSatisfy(allowed.contains), !name.allSatisfy(\.isNumber), !name.hasPrefix(AdminTokens.marker) else {
            throw AdminError.badRequest("invalid_token_name", "token name must be 1 to 64 letters, digits, '.', '_' or '-', not all digits and not starting with \(AdminTokens.marker)")
        }
        let now = clock.now()
        let secret = AdminTokens.generate()
        guard let prefix = AdminTokens.prefix(of: secret) else { throw AdminError.conflict("token_generation", "generated token is malformed") }
        let stored: APIToken
        do {
            stored = try await store.createToken(
                NewAPIToken(name: name, prefix: prefix, tokenHash: AdminTokens.hash(secret), scope: scope, expiresAt: expiresIn.map { now.addingTimeInterval($0) }),
                now: now
            )
        } catch StoreError.conflict(let message) {
            throw AdminError.conflict("token_exists", message)
        }
        var detail = ["scope": scope.rawValue, "prefix": prefix]
        detail["expires_at"] = stored.expiresAt.map { ISO8601DateFormatter().string(from: $0) }
        try await record(actor, "token.create", target: "token:\(name)", detail: detail)
        return IssuedToken(token: APITokenView(stored, now: now), secret: secret)
    }

    /// Active tokens (and expired ones not yet revoked), plus revoked ones when asked.
    package func listTokens(includeRevoked: Bool) async throws -> [APITokenView] {
        let now = clock.now()
        return try await store.tokens(includeRevoked: includeRevoked).map { APITokenView($0, now: now) }
    }

    /// Revokes by numeric id, prefix, or name (every unrevoked token of that name). Takes effect on the next request.
    /// - Throws: ``AdminError`` `token_not_found`, `already_revoked` (409).
    package func revokeToken(_ reference: String, actor: String) async throws -> [APITokenView] {
        let now = clock.now()
        let revoked: [APIToken]
        do {
            revoked = try await store.revokeTokens(matching: reference, now: now)
        } catch StoreError.notFound(let message) {
            throw AdminError.notFound("token_not_found", message)
        } catch StoreError.conflict(let message) {
            throw AdminError.conflict("already_revoked", message)
        }
        for token in revoked {
            try await record(actor, "token.revoke", target: "token:\(token.name)", detail: ["prefix": token.prefix, "id": String(token.id)])
        }
        return revoked.map { APITokenView($0, now: now) }
    }
}

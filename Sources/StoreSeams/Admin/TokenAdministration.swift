package import Foundation

/// What the admin token operations (`AdminService`: API and CLI) do with stored API tokens.
package protocol TokenAdministration: Sendable {
    /// Stores a new token.
    /// - Throws: ``StoreError/conflict(_:)`` when an active token already has this name or the prefix is taken.
    func createToken(_ token: NewAPIToken, now: Date) async throws -> APIToken

    /// Every token, oldest first; revoked ones only when `includeRevoked`.
    func tokens(includeRevoked: Bool) async throws -> [APIToken]

    /// Revokes the token with this numeric id or prefix, or every not-yet-revoked token with this name.
    /// - Returns: the revoked tokens.
    /// - Throws: ``StoreError/notFound(_:)`` when nothing matches; ``StoreError/conflict(_:)`` when it is already revoked.
    func revokeTokens(matching reference: String, now: Date) async throws -> [APIToken]
}

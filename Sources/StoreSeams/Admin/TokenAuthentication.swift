package import Foundation

/// What the admin authenticator (`AdminAuthenticator`) reads and records on every admin request.
package protocol TokenAuthentication: Sendable {
    /// The token whose prefix is `prefix`, whatever its state (the caller checks the hash, expiry and revocation).
    func token(prefix: String) async throws -> APIToken?

    /// Records that a token was used (kept coarse by the caller to avoid a write per request).
    func markTokenUsed(id: Int64, at: Date) async throws
}

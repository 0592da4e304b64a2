import Foundation

/// Storage for the admin surface: API tokens (`AdminAuthenticator`, token commands), the audit log
/// (`AdminService`) and `Idempotency-Key` records (`IdempotencyGate`).
package protocol AdminStore: Sendable {
    // MARK: - Tokens

    /// Stores a new token.
    /// - Throws: ``StoreError/conflict(_:)`` when an active token already has this name or the prefix is taken.
    func createToken(_ token: NewAPIToken, now: Date) async throws -> APIToken

    /// The token whose prefix is `prefix`, whatever its state.
    func token(prefix: String) async throws -> APIToken?

    /// Every token, oldest first; revoked ones only when `includeRevoked`.
    func tokens(includeRevoked: Bool) async throws -> [APIToken]

    /// Revokes the token with this numeric id or prefix, or every not-yet-revoked token with this name.
    /// - Returns: the revoked tokens.
    /// - Throws: ``StoreError/notFound(_:)`` when nothing matches; ``StoreError/conflict(_:)`` when it is already revoked.
    func revokeTokens(matching reference: String, now: Date) async throws -> [APIToken]

    /// Records that a token was used (kept coarse by the caller to avoid a write per request).
    func markTokenUsed(id: Int64, at: Date) async throws

    // MARK: - Audit log

    @discardableResult
    func appendAudit(actor: String, action: String, target: String?, detail: String?, at: Date) async throws -> AuditEntry

    /// Newest first; `before` is the id of the last row of the previous page.
    func auditEntries(matching filter: AuditFilter, limit: Int, before: Int64?) async throws -> [AuditEntry]

    // MARK: - Idempotency keys

    /// Atomically reserves `(actor, key)` for a request whose canonical form hashes to `requestHash`, or reports
    /// what an earlier request with the same key left. A reservation older than `staleAfter` (a crash mid-request)
    /// is taken over. Records older than a day are pruned here.
    func beginIdempotentRequest(actor: String, key: String, requestHash: String, now: Date, staleAfter: TimeInterval) async throws -> IdempotencyOutcome

    /// Stores the response of a reserved request so later retries replay it.
    func finishIdempotentRequest(actor: String, key: String, status: Int, body: [UInt8]) async throws

    /// Drops an unfinished reservation (the request failed in a way worth retrying).
    func abandonIdempotentRequest(actor: String, key: String) async throws
}

package import Foundation

/// `Idempotency-Key` records of admin mutations (`IdempotencyGate`): a retried request replays the first
/// response instead of running twice.
package protocol IdempotencyKeys: Sendable {
    /// Atomically reserves `(actor, key)` for a request whose canonical form hashes to `requestHash`, or reports
    /// what an earlier request with the same key left. A reservation older than `staleAfter` (a crash mid-request)
    /// is taken over. Records older than a day are pruned here. Keys of different actors never collide.
    func beginIdempotentRequest(actor: String, key: String, requestHash: String, now: Date, staleAfter: TimeInterval) async throws -> IdempotencyOutcome

    /// Stores the response of a reserved request so later retries replay it.
    func finishIdempotentRequest(actor: String, key: String, status: Int, body: [UInt8]) async throws

    /// Drops an unfinished reservation (the request failed in a way worth retrying); a finished one is kept.
    func abandonIdempotentRequest(actor: String, key: String) async throws
}

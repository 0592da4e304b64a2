/// What ``IdempotencyKeys/beginIdempotentRequest(actor:key:requestHash:now:staleAfter:)`` decided for a request
/// carrying an `Idempotency-Key`.
package enum IdempotencyOutcome: Sendable, Equatable {
    /// First use of the key (or a stale, abandoned reservation taken over): the caller runs the request
    /// and then calls `finish` (or `abandon` if it produced no reusable response).
    case started
    /// The key was used before with the same request: return this stored response, do nothing else.
    case replay(status: Int, body: [UInt8])
    /// The key was used before with a different request.
    case mismatch
    /// The first request with this key is still running.
    case inProgress
}

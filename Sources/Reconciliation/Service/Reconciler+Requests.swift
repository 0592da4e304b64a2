import Foundation
import Logging
import Synchronization
import InvoiceDomain

// MARK: - Calling the provider: rate limit, retries, credential failures

extension Reconciler {
    /// Calls the provider for one page, honouring the request rate and retrying the *same* page on 429
    /// (`Retry-After`, else backoff), 5xx, timeouts and transport errors up to ``ReconcilerConfiguration/maxRetries``.
    ///
    /// A 401 stops at once: it sets ``credentialsRejected``, counts `invoice_relay_provider_credential_failures_total`
    /// and logs a critical line (never the key).
    func call<T: Sendable>(
        _ what: String,
        _ operation: () async throws(StripeAPIError) -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            try await throttle()
            let failure: StripeAPIError
            do {
                let value = try await operation()
                state.withLock { $0.credentialsRejected = false }
                return value
            } catch {
                failure = error
            }
            let delay: TimeInterval
            switch failure.kind {
            case .unauthorized:
                rejectCredentials(failure, what: what)
                throw ReconcileError.unauthorized
            case .decoding, .other:
                throw ReconcileError(.providerRejected(failure))
            case .rateLimited(let retryAfter):
                delay = retryAfter.map { min(max($0, 0), configuration.maxRetryAfter) }
                    ?? jitter.delay(configuration.backoff, afterAttempt: attempt)
            case .server, .timeout, .transport:
                delay = jitter.delay(configuration.backoff, afterAttempt: attempt)
            }
            try Task.checkCancellation()
            guard attempt <= configuration.maxRetries else {
                throw ReconcileError(.providerUnavailable(failure, attempts: attempt))
            }
            logger.warning("reconciliation: provider call failed, retrying the same page", metadata: [
                "request": .string(what), "attempt": .stringConvertible(attempt),
                "retry_in_seconds": .stringConvertible((delay * 1000).rounded() / 1000), "error": .string(failure.description),
            ])
            try await sleep(.seconds(delay))
        }
    }

    /// Waits for a token of the request-rate bucket.
    private func throttle() async throws {
        let now = clock.now()
        let wait = state.withLock { $0.bucket.reserve(now: now) }
        if wait > 0 { try await sleep(.seconds(wait)) }
    }

    private func rejectCredentials(_ error: StripeAPIError, what: String) {
        state.withLock { $0.credentialsRejected = true }
        metrics.credentialFailure()
        var metadata: Logger.Metadata = ["provider": "stripe", "request": .string(what), "alert": "credentials"]
        if let requestId = error.requestId { metadata["request_id"] = .string(requestId) }
        logger.critical(
            "reconciliation: Stripe rejected the API key (401); polling cannot catch missed webhooks until the configured secret key is fixed",
            metadata: metadata
        )
    }
}

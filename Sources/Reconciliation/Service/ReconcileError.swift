/// Why a reconciliation run stopped. The cursor is never ahead of what was committed, so the next run resumes.
///
/// Never carries the API key.
package struct ReconcileError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// The provider rejected the API key (401); the run stopped and ``Reconciler/credentialsRejected`` is set.
        case unauthorized
        /// The provider kept failing (5xx, 429, timeouts, transport) after every allowed retry.
        case providerUnavailable(StripeAPIError, attempts: Int)
        /// The provider refused the request in a way retrying will not fix (4xx other than 401/429, bad body).
        case providerRejected(StripeAPIError)
        /// Another run of the same reconciler is in progress.
        case alreadyRunning
    }

    package var kind: Kind

    package init(_ kind: Kind) { self.kind = kind }

    package static let unauthorized = ReconcileError(.unauthorized)
    package static let alreadyRunning = ReconcileError(.alreadyRunning)

    package var description: String {
        switch kind {
        case .unauthorized:
            return "reconciliation stopped: the provider rejected the API key (401); check the configured secret key"
        case .providerUnavailable(let error, let attempts):
            return "reconciliation stopped after \(attempts) attempts: \(error)"
        case .providerRejected(let error):
            return "reconciliation stopped: \(error)"
        case .alreadyRunning:
            return "reconciliation is already running"
        }
    }
}

package import Foundation

/// What one attempt to hand a message to a provider produced, classified for the outbox.
package enum SendOutcome: Sendable, Equatable {
    /// Accepted by the provider (2xx). `messageId` is the provider's id when it returns one.
    case sent(messageId: String?)
    /// Worth retrying: 429, 5xx, timeout, connection error. `retryAfter` is the provider's own wait, if it gave one.
    case retryable(reason: String, retryAfter: TimeInterval?)
    /// The provider will never accept this message as it is (400, 404, 422...). Not retried.
    case permanent(reason: String)
    /// Our credentials were refused (401, 403). Not retried on this provider; its circuit opens.
    case credentials(reason: String)
}

/// Why a callback is refused.
package enum FeedbackError: Error, Sendable, Equatable {
    /// The signature, credentials or timestamp do not prove the provider sent it (401).
    case unauthenticated(String)
    /// Authentic, but the body is not what the provider sends (400).
    case invalidBody(String)
    /// The endpoint is not configured (404).
    case notConfigured(String)
    /// A configuration value is unusable (startup).
    case configuration(String)
}

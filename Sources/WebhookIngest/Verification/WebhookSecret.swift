package import Foundation

/// A shared secret a provider signs webhooks with.
///
/// Several secrets may be configured at once while a provider rolls its secret: the old one gets an
/// `expiresAt` and stops verifying from that moment on.
package struct WebhookSecret: Sendable, Equatable {
    /// The secret exactly as the provider shows it (e.g. `whsec_...`). Never logged.
    package var value: String
    /// When set, the secret verifies only strictly before this instant.
    package var expiresAt: Date?

    package init(_ value: String, expiresAt: Date? = nil) {
        self.value = value
        self.expiresAt = expiresAt
    }

    /// Whether the secret may verify a delivery received at `now`.
    package func isActive(at now: Date) -> Bool {
        guard let expiresAt else { return true }
        return now < expiresAt
    }
}

extension WebhookSecret: CustomStringConvertible, CustomDebugStringConvertible {
    /// Redacted, so a secret interpolated into a log line by mistake does not leak.
    package var description: String { "WebhookSecret(<redacted>\(expiresAt.map { ", expiresAt: \($0)" } ?? ""))" }
    package var debugDescription: String { description }
}

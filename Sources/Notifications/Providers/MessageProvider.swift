package import InvoiceDomain

/// A service that delivers messages on one channel (SendGrid, Postmark, Twilio, or a test double).
///
/// `send` never throws: every failure — HTTP error, timeout, refused connection, bad configuration — is
/// classified into a ``SendOutcome`` so the outbox can decide between done, retry, fail and open-circuit.
package protocol MessageProvider: Sendable {
    /// Stable provider name for logs, metrics and the outbox (`sendgrid`, `postmark`, `twilio`).
    var name: String { get }
    /// The channel this provider delivers on.
    var channel: Channel { get }
    /// Makes one attempt to hand `message` to the provider, within the provider's timeout.
    func send(_ message: OutboundMessage) async -> ProviderResult

    /// Asks the provider whether it already accepted `message` (found by our idempotency key or by its recipient and
    /// text), before an in-doubt delivery is sent again.
    func lookUp(_ message: OutboundMessage) async -> SentMessageLookup
}

extension MessageProvider {
    /// Providers without a lookup: a resend may duplicate.
    package func lookUp(_ message: OutboundMessage) async -> SentMessageLookup { .unsupported }
}

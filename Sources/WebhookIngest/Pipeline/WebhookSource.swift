package import Foundation

/// A configured webhook sender: its name (the URL path segment), how it signs, and its secrets.
package struct WebhookSource: Sendable {
    package let name: String
    package let scheme: SignatureScheme
    package let secrets: [WebhookSecret]
    /// Lower-cased names of the headers the ingestor reads: those the scheme verifies, which are also kept
    /// with the event for audit, plus a few more kept for audit only.
    package let headerNames: [String]
    /// The secrets keyed for the scheme once, not per delivery.
    let keys: [WebhookVerifier.PreparedKey]

    package init(name: String, scheme: SignatureScheme, secrets: [WebhookSecret]) {
        self.name = name
        self.scheme = scheme
        self.secrets = secrets
        var names = ["content-type", "user-agent", "x-request-id"]
        switch scheme {
        case .stripe: names.append("stripe-signature")
        case .standardWebhooks: names += ["webhook-id", "webhook-timestamp", "webhook-signature"]
        case .hmac(let header, _, _): names.append(header.lowercased())
        case .paddle: names.append("paddle-signature")
        }
        headerNames = names
        keys = WebhookVerifier(scheme: scheme).prepare(secrets)
    }

    /// Verifies one delivery against this source's scheme and secrets (see
    /// ``WebhookVerifier/verify(body:headers:secrets:now:)``), with the secrets keyed in advance.
    package func verify(body: [UInt8], headers: [String: String], now: Date) throws(VerificationError) -> VerifiedWebhook {
        try WebhookVerifier(scheme: scheme).verify(body: body, headers: headers, keys: keys, now: now)
    }
}

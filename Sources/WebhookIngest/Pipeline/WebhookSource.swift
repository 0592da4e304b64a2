import Foundation

/// A configured webhook sender: its name (the URL path segment), how it signs, and its secrets.
public struct WebhookSource: Sendable {
    public var name: String
    public var scheme: SignatureScheme
    public var secrets: [WebhookSecret]

    public init(name: String, scheme: SignatureScheme, secrets: [WebhookSecret]) {
        self.name = name
        self.scheme = scheme
        self.secrets = secrets
    }

    /// Header names whose values are kept with the event for audit.
    var auditHeaders: [String] {
        var names = ["content-type", "user-agent", "x-request-id"]
        switch scheme {
        case .stripe: names.append("stripe-signature")
        case .standardWebhooks: names += ["webhook-id", "webhook-timestamp", "webhook-signature"]
        case .hmac(let header, _, _): names.append(header.lowercased())
        case .paddle: names.append("paddle-signature")
        }
        return names
    }
}

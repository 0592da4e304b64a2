import Crypto
package import Foundation

/// How a provider signs its webhooks: which headers carry what, what is signed, and how the key is derived.
///
/// Every scheme is HMAC-SHA256 over the exact raw request body (plus, for most, a timestamp that bounds replays).
package enum SignatureScheme: Sendable, Equatable {
    /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>][,v0=...]` over `"{t}.{body}"`.
    /// The key is the whole `whsec_...` string as UTF-8. Only `v1` entries count; any one matching any active secret passes.
    case stripe(tolerance: TimeInterval)
    /// Standard Webhooks (Svix and others): `webhook-id`, `webhook-timestamp` and
    /// `webhook-signature: v1,<base64>[ v1,<base64>]` over `"{id}.{timestamp}.{body}"`.
    /// The key is the base64 decoding of the secret after its optional `whsec_` prefix.
    case standardWebhooks(tolerance: TimeInterval)
    /// A plain HMAC of the body in one header, e.g. GitHub's `X-Hub-Signature-256: sha256=<hex>`. No timestamp, so no replay bound.
    case hmac(header: String, prefix: String?, encoding: SignatureEncoding)
    /// Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>]` over `"{ts}:{body}"`.
    case paddle(tolerance: TimeInterval)
}

// MARK: - Key derivation

extension SignatureScheme {
    /// The HMAC key for `secret` under this scheme, or `nil` when the secret cannot be used
    /// (empty, or not base64 where the scheme requires it). An empty key would let anyone forge signatures.
    func key(for secret: WebhookSecret) -> SymmetricKey? {
        switch self {
        case .stripe, .hmac, .paddle:
            let bytes = Array(secret.value.utf8)
            return bytes.isEmpty ? nil : SymmetricKey(data: bytes)
        case .standardWebhooks:
            let prefix = "whsec_"
            let encoded = secret.value.hasPrefix(prefix) ? String(secret.value.dropFirst(prefix.count)) : secret.value
            guard let decoded = SignatureBytes.base64(encoded), !decoded.isEmpty else { return nil }
            return SymmetricKey(data: decoded)
        }
    }

    /// The replay window, or `nil` for schemes without a timestamp.
    var tolerance: TimeInterval? {
        switch self {
        case .stripe(let tolerance), .standardWebhooks(let tolerance), .paddle(let tolerance): tolerance
        case .hmac: nil
        }
    }
}

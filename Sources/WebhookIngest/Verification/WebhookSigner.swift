import Crypto
package import Foundation

/// Signs a body the way a provider would, producing the headers ``WebhookVerifier`` accepts.
///
/// For tests, the sandbox and fakes that deliver webhooks to InvoiceRelay; production only verifies.
package struct WebhookSigner: Sendable {
    package let scheme: SignatureScheme

    package init(scheme: SignatureScheme) {
        self.scheme = scheme
    }

    /// The signature headers for `body`, keyed by lower-cased header name.
    /// - Parameters:
    ///   - secret: The secret in the provider's format (`whsec_...`).
    ///   - timestamp: Signed time, whole seconds; ignored by plain HMAC.
    ///   - deliveryId: `webhook-id` for Standard Webhooks; ignored by the others.
    /// - Throws: ``VerificationError`` `no_active_secret` when the secret cannot be used as a key (empty, or not base64 for Standard Webhooks).
    package func headers(body: [UInt8], secret: WebhookSecret, timestamp: Date, deliveryId: String = "msg_local") throws(VerificationError) -> [String: String] {
        guard let key = scheme.key(for: secret) else { throw .noActiveSecret("the secret cannot be used as an HMAC key for this scheme") }
        let seconds = Int64(timestamp.timeIntervalSince1970.rounded(.down))
        func mac(_ prefix: String) -> [UInt8] {
            Array(HMAC<SHA256>.authenticationCode(for: Array(prefix.utf8) + body, using: key))
        }
        switch scheme {
        case .stripe:
            return ["stripe-signature": "t=\(seconds),v1=\(SignatureBytes.hexString(mac("\(seconds).")))"]
        case .paddle:
            return ["paddle-signature": "ts=\(seconds);h1=\(SignatureBytes.hexString(mac("\(seconds):")))"]
        case .standardWebhooks:
            return [
                StandardWebhooksHeaders.idName: deliveryId,
                StandardWebhooksHeaders.timestampName: "\(seconds)",
                StandardWebhooksHeaders.signatureName: "v1,\(SignatureBytes.base64String(mac("\(deliveryId).\(seconds).")))",
            ]
        case .hmac(let header, let prefix, let encoding):
            let code = mac("")
            let encoded = encoding == .hex ? SignatureBytes.hexString(code) : SignatureBytes.base64String(code)
            return [header.lowercased(): (prefix ?? "") + encoded]
        }
    }
}

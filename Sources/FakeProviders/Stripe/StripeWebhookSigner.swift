import Crypto

/// Produces `Stripe-Signature` headers the way Stripe signs webhook deliveries, for tests and the sandbox.
///
/// The signed payload is `"{timestamp}.{body}"`; the signature is hex HMAC-SHA256 keyed with the endpoint
/// secret's UTF-8 bytes (the whole `whsec_...` string, not a decoded form).
package enum StripeWebhookSigner {
    /// The `v1` signature (lower-case hex) of `payload` at `timestamp`.
    package static func signature(payload: [UInt8], secret: String, timestamp: Int64) -> String {
        var signed = Array(String(timestamp).utf8)
        signed.append(UInt8(ascii: "."))
        signed.append(contentsOf: payload)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8)))
        return mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 0x10 ? "0" + hex : hex
        }.joined()
    }

    /// `t=<timestamp>,v1=<signature>`: the `Stripe-Signature` header for one secret.
    package static func signatureHeader(payload: [UInt8], secret: String, timestamp: Int64) -> String {
        signatureHeader(payload: payload, secrets: [secret], timestamp: timestamp)
    }

    /// `t=<timestamp>,v1=<sig1>,v1=<sig2>...`: the header Stripe sends while an endpoint secret is being rolled.
    package static func signatureHeader(payload: [UInt8], secrets: [String], timestamp: Int64) -> String {
        (["t=\(timestamp)"] + secrets.map { "v1=" + signature(payload: payload, secret: $0, timestamp: timestamp) })
            .joined(separator: ",")
    }
}

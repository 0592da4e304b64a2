import Crypto
package import Foundation

/// Checks SendGrid's signed Event Webhook: an ECDSA P-256 / SHA-256 signature over the timestamp header followed by
/// the raw body, base64 DER in `X-Twilio-Email-Event-Webhook-Signature`, with the public key (base64 DER
/// SubjectPublicKeyInfo) copied from SendGrid's settings.
package struct SendGridEventVerifier: Sendable {
    package static let signatureHeader = "X-Twilio-Email-Event-Webhook-Signature"
    package static let timestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp"

    /// The key's raw representation (swift-crypto's key type is not `Sendable`; the key is rebuilt per check).
    private let key: Data
    /// Timestamps further than this from now, either way, are refused (replay protection).
    private let tolerance: TimeInterval

    /// - Throws: ``FeedbackError`` when `publicKey` is not a base64 P-256 public key.
    package init(publicKey: String, tolerance: TimeInterval) throws {
        let trimmed = publicKey.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let der = Data(base64Encoded: trimmed), let key = try? P256.Signing.PublicKey(derRepresentation: der) else {
            throw FeedbackError.configuration("not a base64 DER P-256 public key")
        }
        self.key = key.rawRepresentation
        self.tolerance = tolerance
    }

    /// - Throws: ``FeedbackError`` describing what is missing or wrong (never the key).
    package func verify(signature: String?, timestamp: String?, body: [UInt8], now: Date) throws {
        guard let signature, let timestamp else { throw FeedbackError.unauthenticated("missing signature or timestamp header") }
        guard let seconds = TimeInterval(timestamp.trimmingCharacters(in: .whitespaces)) else {
            throw FeedbackError.unauthenticated("timestamp is not a number")
        }
        guard abs(now.timeIntervalSince1970 - seconds) <= tolerance else {
            throw FeedbackError.unauthenticated("timestamp outside the tolerance")
        }
        guard let der = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)),
              let parsed = try? P256.Signing.ECDSASignature(derRepresentation: der)
        else {
            throw FeedbackError.unauthenticated("signature is not a base64 DER ECDSA signature")
        }
        var message = Data(timestamp.utf8)
        message.append(contentsOf: body)
        guard let key = try? P256.Signing.PublicKey(rawRepresentation: key), key.isValidSignature(parsed, for: message) else { throw FeedbackError.unauthenticated("signature does not match") }
    }
}

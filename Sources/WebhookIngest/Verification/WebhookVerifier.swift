import Crypto
package import Foundation

/// Checks that a webhook delivery was signed by the provider with one of our secrets, recently.
///
/// Works on the exact raw body bytes as received: no JSON parsing, no trimming, no re-encoding.
/// MACs are compared in constant time after the presented signature is decoded to bytes.
package struct WebhookVerifier: Sendable {
    package let scheme: SignatureScheme

    package init(scheme: SignatureScheme) {
        self.scheme = scheme
    }

    /// Verifies one delivery.
    ///
    /// Checks run in this order, and the first failure is thrown: the headers parse; some secret is active
    /// (`expiresAt > now`) and usable; the signed timestamp is within the tolerance of `now` either way;
    /// one presented signature matches one active secret.
    /// - Parameters:
    ///   - body: The raw request body, byte for byte.
    ///   - headers: Header names lower-cased by the caller, mapped to their values.
    ///   - secrets: Every configured secret, including ones being rotated out.
    ///   - now: The current time, injected.
    /// - Returns: The delivery id and signed time when the scheme has them.
    /// - Throws: ``VerificationError`` with a stable `code`; see ``VerificationError/Code``.
    package func verify(body: [UInt8], headers: [String: String], secrets: [WebhookSecret], now: Date) throws(VerificationError) -> VerifiedWebhook {
        try verify(body: body, headers: headers, keys: prepare(secrets), now: now)
    }

    /// A secret with its HMAC state keyed once (the key's pads hashed), to be copied for each delivery.
    struct PreparedKey: @unchecked Sendable {  // HMAC is a value type of hash states; copies share nothing mutable.
        let secret: WebhookSecret
        let hmac: HMAC<SHA256>?
    }

    /// `secrets` keyed for this scheme; an unusable secret keeps a `nil` HMAC.
    func prepare(_ secrets: [WebhookSecret]) -> [PreparedKey] {
        secrets.map { secret in PreparedKey(secret: secret, hmac: scheme.key(for: secret).map { HMAC<SHA256>(key: $0) }) }
    }

    /// ``verify(body:headers:secrets:now:)`` with secrets keyed in advance (``WebhookSource`` keys its secrets once).
    func verify(body: [UInt8], headers: [String: String], keys prepared: [PreparedKey], now: Date) throws(VerificationError) -> VerifiedWebhook {
        let presented = try parse(headers)

        let keys = prepared.compactMap { $0.secret.isActive(at: now) ? $0.hmac : nil }
        guard !keys.isEmpty else {
            throw .noActiveSecret("no active secret to verify \(presented.headerName) (\(prepared.count) configured, all expired or unusable)")
        }

        var signedAt: Date?
        if let timestamp = presented.timestamp {
            let date = Date(timeIntervalSince1970: TimeInterval(timestamp))
            signedAt = date
            if let tolerance = scheme.tolerance, !(abs(now.timeIntervalSince(date)) <= tolerance) {
                let direction = date > now ? "in the future" : "old"
                throw .timestampOutOfTolerance(
                    "\(presented.headerName) timestamp is \(Self.seconds(abs(now.timeIntervalSince(date)))) \(direction), tolerance is \(Self.seconds(tolerance))"
                )
            }
        }

        for key in keys {
            // The prefix and the body are fed in turn, not copied into one buffer; `==` compares in constant time.
            var hmac = key
            hmac.update(data: presented.signedPrefix)
            hmac.update(data: body)
            let code = hmac.finalize()
            for candidate in presented.candidates where code == candidate {
                return VerifiedWebhook(deliveryId: presented.deliveryId, signedAt: signedAt)
            }
        }
        throw .noMatchingSignature(
            "no signature in \(presented.headerName) matches an active secret (\(presented.candidates.count) presented, \(keys.count) active)"
        )
    }

    private static func seconds(_ interval: TimeInterval) -> String {
        interval.isFinite && abs(interval) < 1e15 ? "\(Int64(interval))s" : "\(interval)s"
    }

    private func parse(_ headers: [String: String]) throws(VerificationError) -> PresentedSignature {
        switch scheme {
        case .stripe: try StripeSignatureHeader.parse(headers)
        case .standardWebhooks: try StandardWebhooksHeaders.parse(headers)
        case .paddle: try PaddleSignatureHeader.parse(headers)
        case .hmac(let header, let prefix, let encoding): try HMACSignatureHeader.parse(headers, name: header, prefix: prefix, encoding: encoding)
        }
    }
}

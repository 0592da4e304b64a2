import Crypto
package import Foundation

extension FakeSendGrid {
    /// What SendGrid's Event Webhook reports about a message it accepted.
    package enum Event: String, Sendable {
        case delivered, deferred, dropped, spamreport, unsubscribe
        /// A hard bounce (`event: bounce`, `type: bounce`).
        case bounce
        /// A soft bounce (`event: bounce`, `type: blocked`).
        case blocked
    }

    /// Posts one signed Event Webhook batch to `url` about accepted messages, as SendGrid does: a JSON array (each
    /// event carrying the message's `custom_args`, `email` and `sg_message_id`) followed by CRLF, signed with ECDSA
    /// P-256 / SHA-256 over the timestamp and the body (`X-Twilio-Email-Event-Webhook-Signature`/`-Timestamp`).
    /// - Parameters:
    ///   - signingKey: The raw representation of the account's P-256 private key (its public key is what the relay
    ///     is configured with).
    /// - Returns: the relay's status, or `nil` when it could not be reached.
    package func postEvents(
        _ events: [(message: DeliveredMessage, event: Event)], to url: String, signingKey: Data, timestamp: Date = Date()
    ) async throws -> Int? {
        let seconds = Int(timestamp.timeIntervalSince1970)
        let batch: [[String: Any]] = events.map { message, event in
            var object: [String: Any] = message.metadata
            object["email"] = message.to
            object["timestamp"] = seconds
            object["sg_message_id"] = message.providerMessageId + ".filterdrecv-0-1"
            object["sg_event_id"] = UUID().uuidString
            switch event {
            case .bounce: object["event"] = "bounce"; object["type"] = "bounce"; object["reason"] = "550 5.1.1 The email account does not exist"
            case .blocked: object["event"] = "bounce"; object["type"] = "blocked"; object["reason"] = "421 try again later"
            default: object["event"] = event.rawValue
            }
            return object
        }
        var body = try JSONSerialization.data(withJSONObject: batch)
        body.append(contentsOf: Array("\r\n".utf8))
        var signed = Data(String(seconds).utf8)
        signed.append(body)
        let signature = try P256.Signing.PrivateKey(rawRepresentation: signingKey).signature(for: signed).derRepresentation.base64EncodedString()
        return await WebhookPoster.post(Array(body), to: url, headers: [
            ("Content-Type", "application/json"), ("User-Agent", "SendGrid Event API"),
            ("X-Twilio-Email-Event-Webhook-Signature", signature), ("X-Twilio-Email-Event-Webhook-Timestamp", String(seconds)),
        ])
    }
}

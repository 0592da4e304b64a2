import Foundation
import InvoiceDomain
package import StoreSeams

/// SendGrid's Event Webhook batch (a JSON array of events) as status reports.
///
/// Events are matched by our `idempotency_key` custom argument (SendGrid copies `custom_args` into each event) or
/// by `sg_message_id`, whose part before the first `.` is the `X-Message-Id` SendGrid answered the send with.
package enum SendGridEvents {
    /// - Throws: ``FeedbackError/invalidBody(_:)`` when the body is not a JSON array of objects.
    package static func reports(_ body: [UInt8]) throws -> [ProviderStatusReport] {
        guard let array = try? JSONSerialization.jsonObject(with: Data(body)) as? [Any] else {
            throw FeedbackError.invalidBody("the body must be a JSON array of events")
        }
        return try array.compactMap { element in
            guard let event = element as? [String: Any] else { throw FeedbackError.invalidBody("every event must be a JSON object") }
            return report(event)
        }
    }

    /// One event; `nil` for event types that say nothing about delivery (`processed`, `open`, `click`, …).
    static func report(_ event: [String: Any]) -> ProviderStatusReport? {
        let type = (event["event"] as? String) ?? ""
        let status: ProviderStatus
        var suppress: SuppressionReason?
        var errorCode = event["reason"] as? String ?? event["response"] as? String
        switch type {
        case "delivered": status = .delivered; errorCode = nil
        case "deferred": status = .deferred
        case "bounce":
            status = .bounced
            // `type` is `bounce` for a hard bounce, `blocked` for a soft one (only recorded).
            let bounceType = (event["type"] as? String) ?? "bounce"
            if bounceType == "bounce" { suppress = .hardBounce }
            errorCode = bounceType
        case "dropped": status = .dropped
        case "spamreport": status = .complained; suppress = .complaint
        case "unsubscribe", "group_unsubscribe": status = .unsubscribed; suppress = .unsubscribe
        default: return nil
        }
        var references: [MessageReference] = []
        if let key = event["idempotency_key"] as? String, !key.isEmpty { references.append(.idempotencyKey(key)) }
        if let id = event["sg_message_id"] as? String, let messageId = id.split(separator: ".").first, !messageId.isEmpty {
            references.append(.providerMessageId(String(messageId)))
        }
        return ProviderStatusReport(
            provider: .sendgrid, references: references, status: status, errorCode: errorCode.map { String($0.prefix(200)) },
            address: event["email"] as? String, suppress: suppress
        )
    }
}

import Foundation
import InvoiceDomain
package import StoreSeams

/// A Postmark webhook (`RecordType` Delivery, Bounce, SpamComplaint, SubscriptionChange) as a status report.
///
/// Matched by our `idempotency_key` in `Metadata` (Postmark echoes it back) or by `MessageID`. A hard bounce, or any
/// bounce that deactivated the address (`Inactive: true`), suppresses it; soft bounces are only recorded.
package enum PostmarkWebhook {
    /// - Returns: `nil` for record types that say nothing about delivery (`Open`, `Click`).
    /// - Throws: ``FeedbackError/invalidBody(_:)`` when the body is not a JSON object with a `RecordType`.
    package static func report(_ body: [UInt8]) throws -> ProviderStatusReport? {
        guard let record = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let type = record["RecordType"] as? String
        else {
            throw FeedbackError.invalidBody("the body must be a JSON object with a RecordType")
        }
        let status: ProviderStatus
        var suppress: SuppressionReason?
        var errorCode: String?
        let address = (record["Recipient"] as? String) ?? (record["Email"] as? String)
        switch type {
        case "Delivery": status = .delivered
        case "Bounce":
            status = .bounced
            let bounceType = record["Type"] as? String ?? "Unknown"
            errorCode = bounceType
            if bounceType == "HardBounce" || (record["Inactive"] as? Bool) == true { suppress = .hardBounce }
        case "SpamComplaint": status = .complained; suppress = .complaint
        case "SubscriptionChange":
            guard (record["SuppressSending"] as? Bool) == true else { return nil }
            status = .unsubscribed
            suppress = .unsubscribe
        default: return nil
        }
        var references: [MessageReference] = []
        if let metadata = record["Metadata"] as? [String: Any], let key = metadata["idempotency_key"] as? String, !key.isEmpty {
            references.append(.idempotencyKey(key))
        }
        if let messageId = record["MessageID"] as? String, !messageId.isEmpty { references.append(.providerMessageId(messageId)) }
        return ProviderStatusReport(provider: .postmark, references: references, status: status, errorCode: errorCode, address: address, suppress: suppress)
    }
}

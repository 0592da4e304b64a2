package import Foundation

/// Why an address must not be messaged any more on a channel.
package enum SuppressionReason: String, Sendable, Codable, CaseIterable, Hashable {
    /// The receiving server said the address does not exist (SendGrid `bounce`, Postmark `HardBounce`).
    case hardBounce = "hard_bounce"
    /// The recipient marked a message as spam.
    case complaint
    /// The recipient unsubscribed through the provider (SendGrid `unsubscribe`, Postmark subscription change).
    case unsubscribe
    /// The recipient texted STOP (or another opt-out keyword).
    case stop
    /// Twilio refused the number at send time or the carrier reported it unreachable (21610, 30003, 30005, 30006).
    case carrier
    /// An admin added it.
    case manual

    /// Twilio error codes that mean the number cannot or must not receive: 21610 (recipient replied STOP),
    /// 30003 (unreachable), 30005 (unknown), 30006 (landline or unreachable carrier).
    package static let twilioSuppressingErrorCodes: Set<Int> = [21610, 30003, 30005, 30006]
}

/// One suppressed address on one channel.
package struct Suppression: Sendable, Equatable, Codable {
    package var channel: Channel
    /// The normalised address: a lower-cased e-mail address, or an E.164 phone number.
    package var address: String
    package var reason: SuppressionReason
    /// The provider that reported it (`nil` for manual ones).
    package var provider: String?
    /// The delivery whose feedback caused it, when known.
    package var deliveryId: Int64?
    /// Free text: the provider's error code or description, or the admin's note.
    package var detail: String?
    package var createdAt: Date

    package init(channel: Channel, address: String, reason: SuppressionReason, provider: String?, deliveryId: Int64?, detail: String?, createdAt: Date) {
        self.channel = channel
        self.address = Suppression.normalise(address, channel: channel)
        self.reason = reason
        self.provider = provider
        self.deliveryId = deliveryId
        self.detail = detail
        self.createdAt = createdAt
    }

    /// E-mail addresses compare case-insensitively; phone numbers are kept as E.164 without spaces.
    package static func normalise(_ address: String, channel: Channel) -> String {
        let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
        switch channel {
        case .email: return trimmed.lowercased()
        case .sms: return trimmed.filter { $0 != " " && $0 != "-" && $0 != "(" && $0 != ")" }
        }
    }
}

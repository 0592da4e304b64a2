package import Foundation

/// What a successful verification established about a delivery.
package struct VerifiedWebhook: Sendable, Equatable {
    /// The provider's delivery id (`webhook-id` for Standard Webhooks); `nil` for schemes that do not sign one.
    package var deliveryId: String?
    /// The signed timestamp; `nil` for schemes without one (plain HMAC).
    package var signedAt: Date?

    package init(deliveryId: String? = nil, signedAt: Date? = nil) {
        self.deliveryId = deliveryId
        self.signedAt = signedAt
    }
}

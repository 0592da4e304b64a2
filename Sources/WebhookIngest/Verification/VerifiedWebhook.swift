import Foundation

/// What a successful verification established about a delivery.
public struct VerifiedWebhook: Sendable, Equatable {
    /// The provider's delivery id (`webhook-id` for Standard Webhooks); `nil` for schemes that do not sign one.
    public var deliveryId: String?
    /// The signed timestamp; `nil` for schemes without one (plain HMAC).
    public var signedAt: Date?

    public init(deliveryId: String? = nil, signedAt: Date? = nil) {
        self.deliveryId = deliveryId
        self.signedAt = signedAt
    }
}

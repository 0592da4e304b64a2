package import StoreSeams

/// A delivery with every attempt made at it, oldest first, and what the provider reported after accepting it.
package struct DeliveryDetail: Encodable, Sendable {
    package var delivery: Delivery
    package var attempts: [DeliveryAttempt]
    /// The provider-side status from its callbacks (delivered, bounced, …); absent until one arrives.
    package var providerFeedback: ProviderFeedback? = nil
}

/// A re-queued delivery; `resend` is true when it had been sent and was re-queued with `force`.
package struct ReplayResult: Encodable, Sendable {
    package var delivery: Delivery
    package var resend: Bool
}

/// How many deliveries a bulk replay re-queued, and how many it skipped because they changed state meanwhile.
package struct BulkReplayResult: Encodable, Sendable {
    package var requeued: Int
    package var skipped: Int
}

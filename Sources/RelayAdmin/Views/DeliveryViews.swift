import StoreSeams

/// A delivery with every attempt made at it, oldest first.
public struct DeliveryDetail: Encodable, Sendable {
    public var delivery: Delivery
    public var attempts: [DeliveryAttempt]
}

/// A re-queued delivery; `resend` is true when it had been sent and was re-queued with `force`.
public struct ReplayResult: Encodable, Sendable {
    public var delivery: Delivery
    public var resend: Bool
}

/// How many deliveries a bulk replay re-queued, and how many it skipped because they changed state meanwhile.
public struct BulkReplayResult: Encodable, Sendable {
    public var requeued: Int
    public var skipped: Int
}

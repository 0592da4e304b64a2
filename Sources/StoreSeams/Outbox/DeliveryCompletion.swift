import Foundation

/// One delivery's result to record: see ``OutboxQueue/completeAll(_:)``.
public struct DeliveryCompletion: Sendable {
    public var deliveryId: Int64
    public var owner: String
    public var attempt: DeliveryAttempt?
    public var transition: DeliveryTransition
    public var now: Date

    public init(deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) {
        self.deliveryId = deliveryId
        self.owner = owner
        self.attempt = attempt
        self.transition = transition
        self.now = now
    }
}

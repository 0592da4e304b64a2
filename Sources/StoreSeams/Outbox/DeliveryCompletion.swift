package import Foundation

/// One delivery's result to record: see ``OutboxQueue/completeAll(_:)``.
package struct DeliveryCompletion: Sendable {
    package var deliveryId: Int64
    package var owner: String
    package var attempt: DeliveryAttempt?
    package var transition: DeliveryTransition
    package var now: Date

    package init(deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) {
        self.deliveryId = deliveryId
        self.owner = owner
        self.attempt = attempt
        self.transition = transition
        self.now = now
    }
}

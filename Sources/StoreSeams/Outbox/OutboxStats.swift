package import Foundation

/// Outbox depth for metrics and alerts.
package struct OutboxStats: Sendable, Equatable {
    package var pending: Int
    package var sending: Int
    package var retryScheduled: Int
    /// Age of the oldest delivery that is due now but not yet sent; 0 when none.
    package var oldestDueAge: TimeInterval

    package init(pending: Int, sending: Int, retryScheduled: Int, oldestDueAge: TimeInterval) {
        self.pending = pending
        self.sending = sending
        self.retryScheduled = retryScheduled
        self.oldestDueAge = oldestDueAge
    }
}

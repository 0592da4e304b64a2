import Foundation

/// Outbox depth for metrics and alerts.
public struct OutboxStats: Sendable, Equatable {
    public var pending: Int
    public var sending: Int
    public var retryScheduled: Int
    /// Age of the oldest delivery that is due now but not yet sent; 0 when none.
    public var oldestDueAge: TimeInterval

    package init(pending: Int, sending: Int, retryScheduled: Int, oldestDueAge: TimeInterval) {
        self.pending = pending
        self.sending = sending
        self.retryScheduled = retryScheduled
        self.oldestDueAge = oldestDueAge
    }
}

package import Foundation

/// How a claimed delivery leaves the `sending` state.
package enum DeliveryTransition: Sendable, Equatable {
    /// The reason of a delivery ``deferred(until:reason:)`` to the end of its invoice's pause; a store releases such
    /// deliveries when the pause is lifted or changed (``ReminderControl/setReminderPause(invoiceId:until:note:now:)``).
    package static let pausedReason = "reminders paused"

    case sent(provider: String, messageId: String?, templateId: String, templateVersion: Int)
    /// Try again at `at` (backoff, Retry-After).
    case retry(at: Date, error: String)
    /// Permanent failure; not retried unless replayed.
    case failed(error: String)
    /// Attempts exhausted.
    case dead(error: String)
    /// No longer wanted (invoice paid/void, customer opted out, superseded by a later step).
    case cancelled(reason: String)
    /// Not attempted now (quiet hours, circuit open, rate limit); back to pending until `until`. Attempts unchanged.
    case deferred(until: Date, reason: String?)
}

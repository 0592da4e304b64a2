package import Foundation

/// Decides how a provider event changes an invoice. Pure: no clock, no storage.
///
/// Providers deliver at least once and in any order, and several events often share one
/// `created` second. The rules, in order:
/// 1. The event's snapshot status (with amounts) gives the target ``InvoiceStatus``.
///    An unknown provider status is rejected (the caller quarantines the event).
/// 2. An event older than the last applied one (`createdAt < lastEventAt`) is stale.
/// 3. Same second (`createdAt == lastEventAt`): the event applies only if it is at least as far
///    along the lifecycle — higher ``InvoiceStatus/progress``, then higher `amount_paid`,
///    then higher `attempt_count`. When all three are equal the greater event id wins
///    (an arbitrary but order-independent choice, so every delivery order gives the same
///    invoice; a redelivery of the applied event applies again to the same result).
/// 4. The lifecycle must allow the move (``InvoiceStatus/canMove(to:)``): `paid` and `void`
///    are terminal, nothing goes back to `draft`, `uncollectible` only moves to `paid` or `void`.
package enum InvoiceStateMachine {
    package enum Decision: Sendable, Equatable {
        /// Store this invoice; the event is applied.
        case apply(Invoice)
        /// Leave the invoice unchanged; the event is recorded but not applied.
        case skip(reason: String)
        /// The event cannot be understood (e.g. unknown status); quarantine it.
        case reject(reason: String)
    }

    /// What an event is compared with: how far the invoice had come when its last event was applied.
    /// The rest of the stored invoice plays no part in the decision (an applied event replaces it whole).
    package struct LastApplied: Sendable, Equatable {
        package var status: InvoiceStatus
        package var amountPaid: Int64
        package var attemptCount: Int
        package var eventAt: Date
        package var eventId: String

        package init(status: InvoiceStatus, amountPaid: Int64, attemptCount: Int, eventAt: Date, eventId: String) {
            self.status = status
            self.amountPaid = amountPaid
            self.attemptCount = attemptCount
            self.eventAt = eventAt
            self.eventId = eventId
        }

        package init(_ invoice: Invoice) {
            self.init(
                status: invoice.status, amountPaid: invoice.snapshot.amountPaid, attemptCount: invoice.snapshot.attemptCount,
                eventAt: invoice.lastEventAt, eventId: invoice.lastEventId
            )
        }
    }

    package static func decide(_ event: InvoiceEvent, current: Invoice?) -> Decision {
        decide(event, lastApplied: current.map(LastApplied.init))
    }

    package static func decide(_ event: InvoiceEvent, lastApplied current: LastApplied?) -> Decision {
        let snapshot = event.invoice
        guard let target = InvoiceStatus.derive(
            providerStatus: snapshot.providerStatus, amountDue: snapshot.amountDue, amountPaid: snapshot.amountPaid
        ) else {
            return .reject(reason: "unknown invoice status '\(snapshot.providerStatus)'")
        }
        // The event times of payment failures and action requests are remembered; other events leave them as stored
        // (the store keeps a stored value where the new invoice has `nil`).
        let next = Invoice(
            source: event.source, snapshot: snapshot, status: target, lastEventAt: event.createdAt, lastEventId: event.eventId,
            lastPaymentFailedAt: event.kind == .paymentFailed ? event.createdAt : nil,
            actionRequiredAt: event.kind == .paymentActionRequired ? event.createdAt : nil
        )
        guard let current else { return .apply(next) }

        if event.createdAt < current.eventAt {
            return .skip(reason: "stale: event created before the last applied event \(current.eventId)")
        }
        if event.createdAt == current.eventAt {
            let incoming = orderKey(target, snapshot.amountPaid, snapshot.attemptCount)
            let applied = orderKey(current.status, current.amountPaid, current.attemptCount)
            if incoming < applied {
                return .skip(reason: "stale: same second as \(current.eventId) but less far along")
            }
            if incoming == applied, event.eventId < current.eventId {
                return .skip(reason: "same second and as far along as \(current.eventId), which wins the tie")
            }
        }
        guard current.status.canMove(to: target) else {
            return .skip(reason: "transition \(current.status.rawValue) -> \(target.rawValue) not allowed")
        }
        return .apply(next)
    }

    private static func orderKey(_ status: InvoiceStatus, _ amountPaid: Int64, _ attemptCount: Int) -> (Int, Int64, Int) {
        (status.progress, amountPaid, attemptCount)
    }
}

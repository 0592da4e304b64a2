package import Foundation
package import InvoiceDomain

/// What the reminder planner (`ReminderPlanner`) reads and writes: pages of invoices that may need a reminder,
/// their customers' opt-outs, and the outbox rows it wants to exist.
///
/// Exactly-once intent starts here: ``enqueue(_:now:)`` can never create two rows for one
/// `(invoice, step, channel)`, whatever crashes or concurrent schedulers do.
package protocol ReminderPlanningStore: Sendable {
    /// Invoices that may need a reminder: open or partially paid, money remaining, and either a due date before
    /// `dueBefore` or a recorded payment failure or action request (``Invoice/lastPaymentFailedAt``,
    /// ``Invoice/actionRequiredAt``: auto-charged invoices often have no due date). Ordered by id; `after` is the id
    /// of the last row of the previous page.
    func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice]

    /// Paid invoices that may need a receipt: status `paid`, last event at or after `paidSince`, no delivery of step
    /// `payment-received` yet and, when `requireSentReminder`, at least one delivery in status `sent`.
    /// Ordered by id; `after` is the id of the last row of the previous page.
    func paidInvoicesAwaitingReceipt(paidSince: Date, requireSentReminder: Bool, limit: Int, after: String?) async throws -> [Invoice]

    /// The channels each of `customerIds` opted out of (customers without an opt-out are left out), in one read:
    /// the planner asks for a whole page of invoices at once.
    func optOuts(customerIds: Set<String>) async throws -> [String: Set<Channel>]

    /// Inserts the deliveries that do not exist yet, and cancels queued deliveries of an earlier step for the
    /// same invoice and channel (a later step supersedes them: no burst of stale reminders).
    /// - Returns: how many rows were inserted.
    func enqueue(_ deliveries: [NewDelivery], now: Date) async throws -> Int
}

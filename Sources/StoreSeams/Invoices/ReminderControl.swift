package import Foundation
package import InvoiceDomain

/// What operators change about an invoice's reminders (through `AdminService`): a pause with a note, and the steps
/// to skip. Events never touch these values, and these writes never touch what events set.
package protocol ReminderControl: Sendable {
    /// Pauses the invoice's reminders until `until` with `note`, or resumes them (`until` `nil`, note cleared).
    ///
    /// Deliveries of the invoice held back by the previous pause (status `pending`, last error
    /// ``DeliveryTransition/pausedReason``, next attempt after `now`) become due at `now`, in the same transaction:
    /// the worker then holds them to the new pause, or sends them once the invoice is resumed.
    /// - Returns: the invoice as stored afterwards; `nil` when there is no invoice `invoiceId`.
    func setReminderPause(invoiceId: String, until: Date?, note: String?, now: Date) async throws -> Invoice?

    /// Replaces the names of the steps skipped for the invoice.
    /// - Returns: the invoice as stored afterwards; `nil` when there is no invoice `invoiceId`.
    func setSkippedSteps(invoiceId: String, _ steps: [String]) async throws -> Invoice?
}

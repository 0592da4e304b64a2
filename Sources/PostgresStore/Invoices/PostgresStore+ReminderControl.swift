package import Foundation
package import InvoiceDomain
import PostgresNIO
import StoreSeams

extension PostgresStore: ReminderControl {
    package func setReminderPause(invoiceId: String, until: Date?, note: String?, now: Date) async throws -> Invoice? {
        let logger = logger
        let note = until == nil ? nil : note
        return try await write { connection in
            try await lock([LockKey.invoice(invoiceId)], connection)
            try await connection.query(
                "UPDATE invoice SET reminders_paused_until = \(until), pause_note = \(note) WHERE id = \(invoiceId)", logger: logger
            )
            // Deliveries held back by the previous pause become due now: the worker holds them to the new pause,
            // or sends them once the invoice is resumed.
            try await connection.query("""
                UPDATE delivery SET next_attempt_at = \(now), updated_at = \(now)
                WHERE invoice_id = \(invoiceId) AND status = 'pending' AND last_error = \(DeliveryTransition.pausedReason)
                  AND next_attempt_at > \(now)
                """, logger: logger)
            return try await InvoiceRows.fetch(id: invoiceId, connection, logger: logger)?.invoice
        }
    }

    package func setSkippedSteps(invoiceId: String, _ steps: [String]) async throws -> Invoice? {
        let logger = logger
        let column = InvoiceRows.stepNamesColumn(steps)
        return try await write { connection in
            try await lock([LockKey.invoice(invoiceId)], connection)
            try await connection.query("UPDATE invoice SET skipped_steps = \(column) WHERE id = \(invoiceId)", logger: logger)
            return try await InvoiceRows.fetch(id: invoiceId, connection, logger: logger)?.invoice
        }
    }
}

package import Foundation
import GRDB
package import InvoiceDomain
import StoreSeams

extension SQLiteStore: ReminderControl {
    package func setReminderPause(invoiceId: String, until: Date?, note: String?, now: Date) async throws -> Invoice? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE invoice SET remindersPausedUntil = ?, pauseNote = ? WHERE id = ?",
                arguments: [until, until == nil ? nil : note, invoiceId]
            )
            try db.execute(
                sql: """
                    UPDATE delivery SET nextAttemptAt = ?, updatedAt = ?
                    WHERE invoiceId = ? AND status = 'pending' AND lastError = ? AND nextAttemptAt > ?
                    """,
                arguments: [now, now, invoiceId, DeliveryTransition.pausedReason, now]
            )
            return try InvoiceRecord.fetchOne(id: invoiceId, db)?.invoice
        }
    }

    package func setSkippedSteps(invoiceId: String, _ steps: [String]) async throws -> Invoice? {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE invoice SET skippedSteps = ? WHERE id = ?",
                arguments: [InvoiceRecord.stepNamesColumn(steps), invoiceId]
            )
            return try InvoiceRecord.fetchOne(id: invoiceId, db)?.invoice
        }
    }
}

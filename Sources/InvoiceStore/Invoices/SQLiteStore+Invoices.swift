package import Foundation
import GRDB
package import InvoiceDomain
package import StoreSeams

extension SQLiteStore: InvoiceQueries {
    package func invoice(id: String) async throws -> Invoice? {
        try await writer.read { db in
            try InvoiceRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM invoice WHERE id = ?"), arguments: [id])?.invoice
        }
    }

    package func invoices(matching filter: InvoiceFilter, limit: Int, after: String?) async throws -> [Invoice] {
        try await writer.read { db in
            var request = InvoiceRecord.all()
            if let status = filter.status { request = request.filter(InvoiceRecord.Columns.status == status.rawValue) }
            if let customerId = filter.customerId { request = request.filter(InvoiceRecord.Columns.customerId == customerId) }
            if let overdueAt = filter.overdueAt {
                request = request
                    .filter([InvoiceStatus.open.rawValue, InvoiceStatus.partiallyPaid.rawValue].contains(InvoiceRecord.Columns.status))
                    .filter(InvoiceRecord.Columns.amountRemaining > 0 && InvoiceRecord.Columns.dueDate < overdueAt)
            }
            if let after { request = request.filter(InvoiceRecord.Columns.id > after) }
            return try request.order(InvoiceRecord.Columns.id).limit(limit).fetchAll(db).map(\.invoice)
        }
    }

    package func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice] {
        try await writer.read { db in
            try InvoiceRecord.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM invoice
                WHERE status IN ('open', 'partially_paid') AND amountRemaining > 0
                  AND (dueDate < ? OR lastPaymentFailedAt IS NOT NULL OR actionRequiredAt IS NOT NULL)
                  AND id > ?
                ORDER BY id LIMIT ?
                """), arguments: [dueBefore, after ?? "", limit]).map(\.invoice)
        }
    }

    package func paidInvoicesAwaitingReceipt(paidSince: Date, requireSentReminder: Bool, limit: Int, after: String?) async throws -> [Invoice] {
        try await writer.read { db in
            try InvoiceRecord.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM invoice
                WHERE status = 'paid' AND lastEventAt >= ? AND id > ?
                  AND NOT EXISTS (SELECT 1 FROM delivery WHERE delivery.invoiceId = invoice.id AND delivery.step = ?)
                  AND (? = 0 OR EXISTS (SELECT 1 FROM delivery WHERE delivery.invoiceId = invoice.id AND delivery.status = 'sent'))
                ORDER BY id LIMIT ?
                """), arguments: [paidSince, after ?? "", ReminderPolicy.paymentReceivedStepName, requireSentReminder, limit]).map(\.invoice)
        }
    }
}

package import Foundation
package import InvoiceDomain
import PostgresNIO
package import StoreSeams

extension PostgresStore: InvoiceQueries {
    package func invoice(id: String) async throws -> Invoice? {
        try await read { connection in try await InvoiceRows.fetch(id: id, connection, logger: logger)?.invoice }
    }

    package func invoices(matching filter: InvoiceFilter, limit: Int, after: String?) async throws -> [Invoice] {
        var query = SQLBuilder("SELECT \(InvoiceRows.columns) FROM invoice")
        if let status = filter.status { try query.filter("status = ?", status.rawValue) }
        if let customerId = filter.customerId { try query.filter("customer_id = ?", customerId) }
        if let overdueAt = filter.overdueAt {
            query.filter("status IN ('\(InvoiceStatus.open.rawValue)', '\(InvoiceStatus.partiallyPaid.rawValue)') AND amount_remaining > 0")
            try query.filter("due_date < ?", overdueAt)
        }
        if let after { try query.filter("id > ?", after) }
        let built = try query.query("ORDER BY id LIMIT ?", limit: limit)
        return try await read { connection in
            try await connection.query(built, logger: logger).rows().map(InvoiceRows.invoice)
        }
    }

    package func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice] {
        let after = after ?? "", limit = Int64(limit)
        return try await read { connection in
            try await connection.query("""
                SELECT \(unescaped: InvoiceRows.columns) FROM invoice
                WHERE status IN ('open', 'partially_paid') AND amount_remaining > 0
                  AND (due_date < \(dueBefore) OR last_payment_failed_at IS NOT NULL OR action_required_at IS NOT NULL)
                  AND id > \(after)
                ORDER BY id LIMIT \(limit)
                """, logger: logger).rows().map(InvoiceRows.invoice)
        }
    }

    package func paidInvoicesAwaitingReceipt(paidSince: Date, requireSentReminder: Bool, limit: Int, after: String?) async throws -> [Invoice] {
        let after = after ?? "", limit = Int64(limit)
        return try await read { connection in
            try await connection.query("""
                SELECT \(unescaped: InvoiceRows.columns) FROM invoice
                WHERE status = 'paid' AND last_event_at >= \(paidSince) AND id > \(after)
                  AND NOT EXISTS (SELECT 1 FROM delivery WHERE delivery.invoice_id = invoice.id AND delivery.step = \(ReminderPolicy.paymentReceivedStepName))
                  AND (NOT \(requireSentReminder)
                       OR EXISTS (SELECT 1 FROM delivery WHERE delivery.invoice_id = invoice.id AND delivery.status = 'sent'))
                ORDER BY id LIMIT \(limit)
                """, logger: logger).rows().map(InvoiceRows.invoice)
        }
    }
}

import Foundation
import InvoiceDomain
import PostgresNIO
import StoreSeams

extension PostgresStore: InvoiceQueries {
    public func invoice(id: String) async throws -> Invoice? {
        try await read { connection in try await InvoiceRows.fetch(id: id, connection, logger: logger)?.invoice }
    }

    public func invoices(matching filter: InvoiceFilter, limit: Int, after: String?) async throws -> [Invoice] {
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

    public func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice] {
        try await invoices(matching: InvoiceFilter(overdueAt: dueBefore), limit: limit, after: after)
    }
}

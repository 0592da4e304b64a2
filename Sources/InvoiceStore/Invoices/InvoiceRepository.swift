import Foundation
import InvoiceDomain

/// Filters for listing invoices.
public struct InvoiceFilter: Sendable, Equatable {
    public var status: InvoiceStatus?
    public var customerId: String?
    /// Only remindable invoices whose due date is before this instant.
    public var overdueAt: Date?

    public init(status: InvoiceStatus? = nil, customerId: String? = nil, overdueAt: Date? = nil) {
        self.status = status
        self.customerId = customerId
        self.overdueAt = overdueAt
    }
}

/// Read access to invoice state (writes happen only through ``EventStore``).
public protocol InvoiceRepository: Sendable {
    func invoice(id: String) async throws -> Invoice?
    /// Ordered by id; `after` is the id of the last row of the previous page.
    func invoices(matching filter: InvoiceFilter, limit: Int, after: String?) async throws -> [Invoice]
    /// Invoices that may need a reminder: open or partially paid, money remaining, with a due date before `dueBefore`.
    func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice]
}

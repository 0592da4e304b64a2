package import Foundation
package import InvoiceDomain

/// Filters for listing invoices.
package struct InvoiceFilter: Sendable, Equatable {
    package var status: InvoiceStatus?
    package var customerId: String?
    /// Only remindable invoices whose due date is before this instant.
    package var overdueAt: Date?

    package init(status: InvoiceStatus? = nil, customerId: String? = nil, overdueAt: Date? = nil) {
        self.status = status
        self.customerId = customerId
        self.overdueAt = overdueAt
    }
}

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

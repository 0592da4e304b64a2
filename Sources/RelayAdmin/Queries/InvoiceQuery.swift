package import InvoiceDomain

/// Filters and page of `GET /v1/invoices`, ordered by invoice id. `overdue=true` keeps remindable
/// invoices past their due date; `overdue=false` (the default) does not filter.
package struct InvoiceQuery: Sendable, Equatable {
    package static let parameterNames: Set<String> = ["status", "overdue", "customer", "limit", "cursor"]

    package var status: InvoiceStatus?
    package var overdue: Bool
    package var customerId: String?
    package var limit: Int
    /// The last invoice id of the previous page.
    package var after: String?

    package init(_ parameters: AdminParameters) throws {
        status = try parameters.choice("status", as: InvoiceStatus.self)
        overdue = try parameters.bool("overdue") ?? false
        customerId = try parameters.string("customer")
        limit = try parameters.limit()
        after = try parameters.string("cursor")
    }
}

import InvoiceDomain

/// Filters and page of `GET /v1/invoices`, ordered by invoice id. `overdue=true` keeps remindable
/// invoices past their due date; `overdue=false` (the default) does not filter.
public struct InvoiceQuery: Sendable, Equatable {
    public static let parameterNames: Set<String> = ["status", "overdue", "customer", "limit", "cursor"]

    public var status: InvoiceStatus?
    public var overdue: Bool
    public var customerId: String?
    public var limit: Int
    /// The last invoice id of the previous page.
    public var after: String?

    public init(_ parameters: AdminParameters) throws {
        status = try parameters.choice("status", as: InvoiceStatus.self)
        overdue = try parameters.bool("overdue") ?? false
        customerId = try parameters.string("customer")
        limit = try parameters.limit()
        after = try parameters.string("cursor")
    }
}

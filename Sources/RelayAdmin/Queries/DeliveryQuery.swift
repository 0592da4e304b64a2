import InvoiceDomain
package import StoreSeams

/// Filters and page of `GET /v1/deliveries` (and `invoice-relay deliveries list`).
package struct DeliveryQuery: Sendable, Equatable {
    package static let filterNames: Set<String> = ["status", "channel", "provider", "invoice_id", "step", "created_from", "created_to", "provider_status"]
    package static let parameterNames: Set<String> = filterNames.union(["limit", "cursor"])

    package var filter: DeliveryFilter
    package var limit: Int
    package var before: Int64?

    package init(_ parameters: AdminParameters) throws {
        filter = try Self.parseFilter(parameters)
        limit = try parameters.limit()
        before = try parameters.idCursor()
    }

    /// The filter part alone (also the body of a bulk replay).
    package static func parseFilter(_ parameters: AdminParameters) throws -> DeliveryFilter {
        let filter = DeliveryFilter(
            status: try parameters.choice("status", as: DeliveryStatus.self),
            channel: try parameters.choice("channel", as: Channel.self),
            provider: try parameters.string("provider"),
            invoiceId: try parameters.string("invoice_id"),
            step: try parameters.string("step"),
            createdFrom: try parameters.date("created_from"),
            createdTo: try parameters.date("created_to"),
            providerStatus: try parameters.choice("provider_status", as: ProviderStatus.self)
        )
        if let from = filter.createdFrom, let to = filter.createdTo, from >= to {
            throw AdminError.badRequest("invalid_parameter", "parameter 'created_from' must be before parameter 'created_to'")
        }
        return filter
    }
}

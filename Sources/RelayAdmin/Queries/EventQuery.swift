package import StoreSeams

/// Filters and page of `GET /v1/events` (and `invoice-relay events list`).
///
/// `status` takes the stored statuses plus `duplicate`, which selects events received more than once
/// (the same as `duplicate=true`).
package struct EventQuery: Sendable, Equatable {
    package static let parameterNames: Set<String> = ["source", "type", "status", "origin", "invoice_id", "duplicate", "limit", "cursor"]
    package static let statuses = EventStatus.allCases.map(\.rawValue) + ["duplicate"]

    package var filter: EventFilter
    package var limit: Int
    package var before: Int64?

    package init(_ parameters: AdminParameters) throws {
        var filter = EventFilter(
            source: try parameters.string("source"),
            type: try parameters.string("type"),
            origin: try parameters.choice("origin", as: EventOrigin.self),
            invoiceId: try parameters.string("invoice_id"),
            duplicatesOnly: try parameters.bool("duplicate") ?? false
        )
        if let status = try parameters.string("status") {
            if status == "duplicate" {
                filter.duplicatesOnly = true
            } else if let parsed = EventStatus(rawValue: status) {
                filter.status = parsed
            } else {
                throw AdminError.badRequest("invalid_parameter", "parameter 'status': '\(status)' is not one of \(Self.statuses.joined(separator: ", "))")
            }
        }
        self.filter = filter
        limit = try parameters.limit()
        before = try parameters.idCursor()
    }
}

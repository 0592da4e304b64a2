package import StoreSeams

/// Filters and page of `GET /v1/audit`.
package struct AuditQuery: Sendable, Equatable {
    package static let parameterNames: Set<String> = ["actor", "action", "target", "limit", "cursor"]

    package var filter: AuditFilter
    package var limit: Int
    package var before: Int64?

    package init(_ parameters: AdminParameters) throws {
        filter = AuditFilter(actor: try parameters.string("actor"), action: try parameters.string("action"), target: try parameters.string("target"))
        limit = try parameters.limit()
        before = try parameters.idCursor()
    }
}

import StoreSeams

/// Filters and page of `GET /v1/audit`.
public struct AuditQuery: Sendable, Equatable {
    public static let parameterNames: Set<String> = ["actor", "action", "target", "limit", "cursor"]

    public var filter: AuditFilter
    public var limit: Int
    public var before: Int64?

    public init(_ parameters: AdminParameters) throws {
        filter = AuditFilter(actor: try parameters.string("actor"), action: try parameters.string("action"), target: try parameters.string("target"))
        limit = try parameters.limit()
        before = try parameters.idCursor()
    }
}

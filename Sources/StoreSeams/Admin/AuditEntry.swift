import Foundation

/// One admin mutation, as recorded in the audit log.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var at: Date
    /// The token name (API) or `cli:<user>` (CLI) that made the change.
    public var actor: String
    /// Dotted verb, e.g. `template.update`, `delivery.replay`, `token.create`.
    public var action: String
    /// What was changed, e.g. `email/overdue/en`, `delivery:42`.
    public var target: String?
    /// Free-form details (JSON text), e.g. the new version or how many rows a bulk action touched.
    public var detail: String?

    public init(id: Int64, at: Date, actor: String, action: String, target: String?, detail: String?) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}

package import Foundation

/// One admin mutation, as recorded in the audit log.
package struct AuditEntry: Sendable, Equatable, Codable {
    package var id: Int64
    package var at: Date
    /// The token name (API) or `cli:<user>` (CLI) that made the change.
    package var actor: String
    /// Dotted verb, e.g. `template.update`, `delivery.replay`, `token.create`.
    package var action: String
    /// What was changed, e.g. `email/overdue/en`, `delivery:42`.
    package var target: String?
    /// Free-form details (JSON text), e.g. the new version or how many rows a bulk action touched.
    package var detail: String?

    package init(id: Int64, at: Date, actor: String, action: String, target: String?, detail: String?) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}

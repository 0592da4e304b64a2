/// Filters for listing the audit log.
package struct AuditFilter: Sendable, Equatable {
    package var actor: String?
    package var action: String?
    package var target: String?

    package init(actor: String? = nil, action: String? = nil, target: String? = nil) {
        self.actor = actor
        self.action = action
        self.target = target
    }
}

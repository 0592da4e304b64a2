package import Foundation

/// The append-only log of admin mutations (`AdminService` appends one entry per successful change and lists them).
package protocol AuditLog: Sendable {
    @discardableResult
    func appendAudit(actor: String, action: String, target: String?, detail: String?, at: Date) async throws -> AuditEntry

    /// Newest first; `before` is the id of the last row of the previous page.
    func auditEntries(matching filter: AuditFilter, limit: Int, before: Int64?) async throws -> [AuditEntry]
}

import Foundation
package import InvoiceDomain
package import StoreSeams
package import Notifications

/// Every admin operation, with its validation, rules and audit record, shared by the HTTP API
/// (`/v1/...`) and the operator CLI so both behave identically.
///
/// Read operations return views ready to encode with ``AdminJSON``; mutations take the acting
/// identity (a token name, or `cli:<user>`) and append one audit entry each after they succeed.
/// Caller mistakes throw ``AdminError``; anything else is an infrastructure failure.
package struct AdminService: Sendable {
    /// Everything the admin operations read and change: the admin-side seams only (no scheduler or ingest path).
    package typealias Store = OutboxAdministration & EventAdministration & InvoiceQueries & TemplateCatalog & FeedbackStore
        & TokenAdministration & AuditLog & ReminderControl

    package let store: any Store
    package let clock: any WallClock
    let engine: TemplateEngine
    let renderer: ReminderPreviewRenderer
    /// The scheduler's policies (default and named): which step of an invoice comes next (skip).
    let policy: ReminderPolicy
    let namedPolicies: [String: ReminderPolicy]

    /// - Parameters:
    ///   - scheduler: The scheduler's settings, so that previews render as the scheduler would (business, zones,
    ///     locales).
    ///   - smsSegmentWarningLimit: Template validation warns above this many SMS segments.
    package init(store: any Store, scheduler: SchedulerConfiguration, smsSegmentWarningLimit: Int, clock: any WallClock) {
        self.store = store
        self.clock = clock
        self.engine = TemplateEngine(smsSegmentWarningLimit: smsSegmentWarningLimit)
        self.renderer = ReminderPreviewRenderer(engine: engine, scheduler: scheduler)
        self.policy = scheduler.policy
        self.namedPolicies = scheduler.namedPolicies
    }

    // MARK: - Audit

    package func audit(_ query: AuditQuery) async throws -> Page<AuditEntry> {
        let rows = try await store.auditEntries(matching: query.filter, limit: query.limit + 1, before: query.before)
        return Page(rows: rows, limit: query.limit, cursor: { String($0.id) }, map: { $0 })
    }

    /// Appends an audit entry; `detail` is stored as a JSON object.
    func record(_ actor: String, _ action: String, target: String?, detail: [String: String] = [:]) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = detail.isEmpty ? nil : String(decoding: try encoder.encode(detail), as: UTF8.self)
        try await store.appendAudit(actor: actor, action: action, target: target, detail: text, at: clock.now())
    }
}

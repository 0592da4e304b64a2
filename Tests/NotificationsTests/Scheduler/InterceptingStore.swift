import Foundation
import InvoiceDomain
import InvoiceStore
import Notifications
import Synchronization

/// Forwards everything to a real store, and runs `afterInvoiceRead` once, right after the first invoice
/// read (`invoice(id:)` or `deliveryCheck`: the worker's check at pickup), to change the world before the second one.
final class InterceptingStore: SchedulerStore {
    let base: SQLiteStore
    let afterInvoiceRead: @Sendable () async throws -> Void
    private let reads = Atomic<Int>(0)

    init(base: SQLiteStore, afterInvoiceRead: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.afterInvoiceRead = afterInvoiceRead
    }

    var invoiceReads: Int { reads.load(ordering: .relaxed) }

    func invoice(id: String) async throws -> Invoice? {
        let invoice = try await base.invoice(id: id)
        if reads.add(1, ordering: .relaxed).newValue == 1 { try await afterInvoiceRead() }
        return invoice
    }

    func invoices(matching filter: InvoiceFilter, limit: Int, after: String?) async throws -> [Invoice] {
        try await base.invoices(matching: filter, limit: limit, after: after)
    }

    func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice] {
        try await base.remindableInvoices(dueBefore: dueBefore, limit: limit, after: after)
    }

    func enqueue(_ deliveries: [NewDelivery], now: Date) async throws -> Int { try await base.enqueue(deliveries, now: now) }

    func claimDue(now: Date, limit: Int, owner: String, lease: TimeInterval) async throws -> [Delivery] {
        try await base.claimDue(now: now, limit: limit, owner: owner, lease: lease)
    }

    func complete(_ deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) async throws -> Bool {
        try await base.complete(deliveryId, owner: owner, attempt: attempt, transition: transition, now: now)
    }

    func releaseLeases(owner: String, now: Date) async throws -> Int { try await base.releaseLeases(owner: owner, now: now) }
    func delivery(id: Int64) async throws -> Delivery? { try await base.delivery(id: id) }

    func deliveries(matching filter: DeliveryFilter, limit: Int, before: Int64?) async throws -> [Delivery] {
        try await base.deliveries(matching: filter, limit: limit, before: before)
    }

    func attempts(deliveryId: Int64) async throws -> [DeliveryAttempt] { try await base.attempts(deliveryId: deliveryId) }
    func replay(id: Int64, force: Bool, now: Date) async throws -> Delivery { try await base.replay(id: id, force: force, now: now) }
    func replayAll(matching filter: DeliveryFilter, now: Date) async throws -> Int { try await base.replayAll(matching: filter, now: now) }

    /// Counts as an invoice read, like ``invoice(id:)``: the worker's checks at pickup and before the call use it.
    func deliveryCheck(invoiceId: String, channel: Channel, deliveryId: Int64?) async throws -> DeliveryCheck {
        let check = try await base.deliveryCheck(invoiceId: invoiceId, channel: channel, deliveryId: deliveryId)
        if reads.add(1, ordering: .relaxed).newValue == 1 { try await afterInvoiceRead() }
        return check
    }

    func setOptOut(customerId: String, channel: Channel, optedOut: Bool, now: Date) async throws {
        try await base.setOptOut(customerId: customerId, channel: channel, optedOut: optedOut, now: now)
    }

    func isOptedOut(customerId: String, channel: Channel) async throws -> Bool {
        try await base.isOptedOut(customerId: customerId, channel: channel)
    }

    func optOuts(customerIds: Set<String>) async throws -> [String: Set<Channel>] {
        try await base.optOuts(customerIds: customerIds)
    }

    func outboxStats(now: Date) async throws -> OutboxStats { try await base.outboxStats(now: now) }
    func latestTemplate(id: String) async throws -> StoredTemplate? { try await base.latestTemplate(id: id) }
    func template(id: String, version: Int) async throws -> StoredTemplate? { try await base.template(id: id, version: version) }
    func templateVersions(id: String) async throws -> [StoredTemplate] { try await base.templateVersions(id: id) }
    func latestTemplates() async throws -> [StoredTemplate] { try await base.latestTemplates() }

    func saveTemplate(id: String, subject: String?, html: String?, text: String, createdBy: String, note: String?, now: Date) async throws -> StoredTemplate {
        try await base.saveTemplate(id: id, subject: subject, html: html, text: text, createdBy: createdBy, note: note, now: now)
    }

    func seedTemplates(_ templates: [(id: String, subject: String?, html: String?, text: String)], now: Date) async throws -> Int {
        try await base.seedTemplates(templates, now: now)
    }
}

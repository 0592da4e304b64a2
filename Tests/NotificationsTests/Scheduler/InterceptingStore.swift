import Foundation
import InvoiceDomain
import InvoiceStore
import Notifications
import StoreSeams
import Synchronization

/// Forwards what the scheduler calls to a real store, and runs `afterInvoiceRead` once, right after the first
/// invoice read (`deliveryCheck`: the worker's check at pickup), to change the world before the second one.
///
/// `pickupChecks` is left to the protocol's default, which calls ``deliveryCheck(invoiceId:channel:deliveryId:)``
/// once per delivery, so the pickup check of a claimed batch counts as a read here.
final class InterceptingStore: SchedulerStore {
    let base: SQLiteStore
    let afterInvoiceRead: @Sendable () async throws -> Void
    private let reads = Atomic<Int>(0)

    init(base: SQLiteStore, afterInvoiceRead: @escaping @Sendable () async throws -> Void) {
        self.base = base
        self.afterInvoiceRead = afterInvoiceRead
    }

    var invoiceReads: Int { reads.load(ordering: .relaxed) }

    // MARK: - ReminderPlanningStore

    func remindableInvoices(dueBefore: Date, limit: Int, after: String?) async throws -> [Invoice] {
        try await base.remindableInvoices(dueBefore: dueBefore, limit: limit, after: after)
    }

    func paidInvoicesAwaitingReceipt(paidSince: Date, requireSentReminder: Bool, limit: Int, after: String?) async throws -> [Invoice] {
        try await base.paidInvoicesAwaitingReceipt(paidSince: paidSince, requireSentReminder: requireSentReminder, limit: limit, after: after)
    }

    func optOuts(customerIds: Set<String>) async throws -> [String: Set<Channel>] {
        try await base.optOuts(customerIds: customerIds)
    }

    func enqueue(_ deliveries: [NewDelivery], now: Date) async throws -> Int { try await base.enqueue(deliveries, now: now) }

    // MARK: - OutboxQueue

    func claimDue(now: Date, limit: Int, owner: String, lease: TimeInterval) async throws -> [Delivery] {
        try await base.claimDue(now: now, limit: limit, owner: owner, lease: lease)
    }

    /// Counts as an invoice read: the worker's checks at pickup and before the call use it.
    func deliveryCheck(invoiceId: String, channel: Channel, deliveryId: Int64?) async throws -> DeliveryCheck {
        let check = try await base.deliveryCheck(invoiceId: invoiceId, channel: channel, deliveryId: deliveryId)
        if reads.add(1, ordering: .relaxed).newValue == 1 { try await afterInvoiceRead() }
        return check
    }

    func completeAll(_ completions: [DeliveryCompletion]) async throws -> [Result<Bool, any Error>] {
        try await base.completeAll(completions)
    }

    func releaseLeases(owner: String, now: Date) async throws -> Int { try await base.releaseLeases(owner: owner, now: now) }
    func outboxStats(now: Date) async throws -> OutboxStats { try await base.outboxStats(now: now) }

    // MARK: - TemplateSource

    func latestTemplate(id: String) async throws -> StoredTemplate? { try await base.latestTemplate(id: id) }
}

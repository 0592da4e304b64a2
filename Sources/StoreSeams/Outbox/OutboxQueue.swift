package import Foundation
package import InvoiceDomain

/// The outbox as the scheduler's hot path sees it (`ReminderScheduler`, `DeliveryWorker`): claim due rows under a
/// lease, check they are still wanted, record their results, hand leases back on shutdown.
///
/// Exactly-once intent: ``claimDue(now:limit:owner:lease:)`` hands each due row to one claimer at a time (a lease),
/// and ``completeAll(_:)`` only applies a result while that lease is still held. A crash leaves a lease that
/// expires and the row is claimed again.
package protocol OutboxQueue: OutboxStatistics {
    /// Atomically leases up to `limit` due deliveries: `pending`/`retry_scheduled` whose `nextAttemptAt <= now`,
    /// and `sending` whose lease expired. Oldest due first. Two concurrent claimers never get the same row.
    func claimDue(now: Date, limit: Int, owner: String, lease: TimeInterval) async throws -> [Delivery]

    /// Reads, in one snapshot, the invoice `invoiceId`, whether its customer opted out of `channel` and, when
    /// `deliveryId` is given, that delivery's current row: the checks made when a delivery is picked up and
    /// again right before its provider call, in one round trip instead of three.
    func deliveryCheck(invoiceId: String, channel: Channel, deliveryId: Int64?) async throws -> DeliveryCheck

    /// ``deliveryCheck(invoiceId:channel:deliveryId:)`` (without the delivery row) for each of `deliveries`, in one
    /// snapshot: the pickup checks of a whole claimed batch in one round trip.
    /// - Returns: the checks by delivery id.
    func pickupChecks(_ deliveries: [Delivery]) async throws -> [Int64: DeliveryCheck]

    /// For each completion, records its attempt (if any) and applies its transition, only if its `owner` still
    /// holds the lease; all in one transaction (group commit).
    /// - Returns: one outcome per completion, in order: `false` when the lease was lost (another worker owns the
    ///   row now; nothing is written for it then). One that fails does not undo the others.
    /// - Throws: when the transaction itself fails (nothing is written).
    func completeAll(_ completions: [DeliveryCompletion]) async throws -> [Result<Bool, any Error>]

    /// Puts every row leased by `owner` back to pending (graceful shutdown).
    /// - Returns: how many rows were released.
    func releaseLeases(owner: String, now: Date) async throws -> Int
}

extension OutboxQueue {
    /// One ``deliveryCheck(invoiceId:channel:deliveryId:)`` after another, for stores without a batched read.
    package func pickupChecks(_ deliveries: [Delivery]) async throws -> [Int64: DeliveryCheck] {
        var checks: [Int64: DeliveryCheck] = [:]
        for delivery in deliveries {
            checks[delivery.id] = try await deliveryCheck(invoiceId: delivery.invoiceId, channel: delivery.channel, deliveryId: nil)
        }
        return checks
    }
}

extension OutboxQueue {
    /// Completes one delivery (see ``completeAll(_:)``): whether the lease was still `owner`'s and the change written.
    @discardableResult
    package func complete(_ deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) async throws -> Bool {
        let results = try await completeAll([DeliveryCompletion(deliveryId: deliveryId, owner: owner, attempt: attempt, transition: transition, now: now)])
        guard let result = results.first else { throw StoreError.invalid("the store returned no result for delivery \(deliveryId)") }
        return try result.get()
    }
}

package import Foundation
package import InvoiceDomain

/// What the admin surface (API and CLI) reads and does with the outbox: listings, attempts, replays, opt-outs.
package protocol OutboxAdministration: OutboxStatistics {
    func delivery(id: Int64) async throws -> Delivery?

    /// Newest first; `before` is the id of the last row of the previous page.
    func deliveries(matching filter: DeliveryFilter, limit: Int, before: Int64?) async throws -> [Delivery]

    /// Every attempt of one delivery, oldest first.
    func attempts(deliveryId: Int64) async throws -> [DeliveryAttempt]

    /// Re-queues a `failed`/`dead`/`cancelled` delivery on the same idempotency key.
    /// A `sent` one is refused with ``StoreError/conflict(_:)`` unless `force` (then counted as a deliberate resend).
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/conflict(_:)`` (also for a delivery in flight).
    func replay(id: Int64, force: Bool, now: Date) async throws -> Delivery

    /// Re-queues every `failed`/`dead` delivery matching `filter`.
    /// - Returns: how many.
    func replayAll(matching filter: DeliveryFilter, now: Date) async throws -> Int

    /// Records (or lifts) a customer's opt-out of `channel`; the last call wins. The planner and the worker's
    /// checks read it (``ReminderPlanningStore/optOuts(customerIds:)``, ``OutboxQueue/deliveryCheck(invoiceId:channel:deliveryId:)``).
    func setOptOut(customerId: String, channel: Channel, optedOut: Bool, now: Date) async throws

    func isOptedOut(customerId: String, channel: Channel) async throws -> Bool
}

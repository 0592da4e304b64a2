import Foundation
import InvoiceDomain

/// The durable outbox of reminders.
///
/// Exactly-once intent: ``enqueue(_:now:)`` can never create two rows for one `(invoice, step, channel)`;
/// ``claimDue(now:limit:owner:lease:)`` hands each due row to one claimer at a time (a lease), and
/// ``complete(_:owner:attempt:transition:now:)`` only succeeds while that lease is still held.
/// A crash leaves a lease that expires and the row is claimed again.
public protocol OutboxStore: Sendable {
    /// Inserts the deliveries that do not exist yet, and cancels queued deliveries of an earlier step for the
    /// same invoice and channel (a later step supersedes them: no burst of stale reminders).
    /// - Returns: how many rows were inserted.
    func enqueue(_ deliveries: [NewDelivery], now: Date) async throws -> Int

    /// Atomically leases up to `limit` due deliveries: `pending`/`retry_scheduled` whose `nextAttemptAt <= now`,
    /// and `sending` whose lease expired. Oldest due first.
    func claimDue(now: Date, limit: Int, owner: String, lease: TimeInterval) async throws -> [Delivery]

    /// Records `attempt` (if any) and applies `transition`, only if `owner` still holds the lease.
    /// - Returns: `false` when the lease was lost (another worker owns the row now); nothing is written then.
    @discardableResult
    func complete(_ deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) async throws -> Bool

    /// ``complete(_:owner:attempt:transition:now:)`` for many deliveries in one transaction (group commit).
    /// - Returns: one outcome per completion, in order; one that fails does not undo the others.
    /// - Throws: when the transaction itself fails (nothing is written).
    func completeAll(_ completions: [DeliveryCompletion]) async throws -> [Result<Bool, any Error>]

    /// Puts every row leased by `owner` back to pending (graceful shutdown).
    func releaseLeases(owner: String, now: Date) async throws -> Int

    func delivery(id: Int64) async throws -> Delivery?
    /// Newest first; `before` is the id of the last row of the previous page.
    func deliveries(matching filter: DeliveryFilter, limit: Int, before: Int64?) async throws -> [Delivery]
    func attempts(deliveryId: Int64) async throws -> [DeliveryAttempt]

    /// Re-queues a `failed`/`dead`/`cancelled` delivery on the same idempotency key.
    /// A `sent` one is refused with ``StoreError/conflict(_:)`` unless `force` (then counted as a deliberate resend).
    /// - Throws: ``StoreError/notFound(_:)``, ``StoreError/conflict(_:)`` (also for a delivery in flight).
    func replay(id: Int64, force: Bool, now: Date) async throws -> Delivery
    /// Re-queues every `failed`/`dead` delivery matching `filter`. - Returns: how many.
    func replayAll(matching filter: DeliveryFilter, now: Date) async throws -> Int

    /// Reads, in one snapshot, the invoice `invoiceId`, whether its customer opted out of `channel` and, when
    /// `deliveryId` is given, that delivery's current row: the checks made when a delivery is picked up and
    /// again right before its provider call, in one round trip instead of three.
    func deliveryCheck(invoiceId: String, channel: Channel, deliveryId: Int64?) async throws -> DeliveryCheck

    /// ``deliveryCheck(invoiceId:channel:deliveryId:)`` (without the delivery row) for each of `deliveries`, in one
    /// snapshot: the pickup checks of a whole claimed batch in one round trip.
    /// - Returns: the checks by delivery id.
    func pickupChecks(_ deliveries: [Delivery]) async throws -> [Int64: DeliveryCheck]

    func setOptOut(customerId: String, channel: Channel, optedOut: Bool, now: Date) async throws
    func isOptedOut(customerId: String, channel: Channel) async throws -> Bool
    /// The channels each of `customerIds` opted out of (customers without an opt-out are left out), in one read:
    /// the planner asks for a whole page of invoices at once.
    func optOuts(customerIds: Set<String>) async throws -> [String: Set<Channel>]

    func outboxStats(now: Date) async throws -> OutboxStats
}

/// One delivery's result to record: see ``OutboxStore/complete(_:owner:attempt:transition:now:)``.
public struct DeliveryCompletion: Sendable {
    public var deliveryId: Int64
    public var owner: String
    public var attempt: DeliveryAttempt?
    public var transition: DeliveryTransition
    public var now: Date

    public init(deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) {
        self.deliveryId = deliveryId
        self.owner = owner
        self.attempt = attempt
        self.transition = transition
        self.now = now
    }
}

extension OutboxStore {
    /// One ``deliveryCheck(invoiceId:channel:deliveryId:)`` after another, for stores without a batched read.
    public func pickupChecks(_ deliveries: [Delivery]) async throws -> [Int64: DeliveryCheck] {
        var checks: [Int64: DeliveryCheck] = [:]
        for delivery in deliveries {
            checks[delivery.id] = try await deliveryCheck(invoiceId: delivery.invoiceId, channel: delivery.channel, deliveryId: nil)
        }
        return checks
    }

    /// One ``complete(_:owner:attempt:transition:now:)`` after another, for stores without a batched write.
    public func completeAll(_ completions: [DeliveryCompletion]) async throws -> [Result<Bool, any Error>] {
        var results: [Result<Bool, any Error>] = []
        for completion in completions {
            do {
                results.append(.success(try await complete(
                    completion.deliveryId, owner: completion.owner, attempt: completion.attempt, transition: completion.transition, now: completion.now
                )))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }
}

import Foundation
import InvoiceDomain

/// One reminder in the outbox. Its `idempotencyKey` (`invoice|step|channel`) is unique in the table:
/// a second row for the same reminder cannot exist, whatever crashes or concurrent schedulers do.
public struct Delivery: Sendable, Equatable, Codable {
    public var id: Int64
    public var idempotencyKey: String
    public var invoiceId: String
    public var step: String
    /// Template family (`before_due`, `due_today`, `overdue`, `final_notice`).
    public var kind: String
    public var channel: Channel
    public var status: DeliveryStatus
    /// Provider of the last attempt (or of the successful send).
    public var provider: String?
    public var recipient: String?
    public var templateId: String?
    public var templateVersion: Int?
    public var attempts: Int
    public var nextAttemptAt: Date
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?
    public var lastError: String?
    public var providerMessageId: String?
    /// Deliberate resends of an already-sent reminder (admin replay with `force`).
    public var resendCount: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?

    public static func key(invoiceId: String, step: String, channel: Channel) -> String {
        "\(invoiceId)|\(step)|\(channel.rawValue)"
    }
}

/// One try at handing a delivery to a provider.
public struct DeliveryAttempt: Sendable, Equatable, Codable {
    public var id: Int64?
    public var deliveryId: Int64
    public var attemptNumber: Int
    public var startedAt: Date
    public var provider: String
    public var httpStatus: Int?
    /// `sent`, `retryable`, `permanent`, `credentials`.
    public var outcome: String
    public var error: String?
    public var latencyMs: Double

    public init(deliveryId: Int64, attemptNumber: Int, startedAt: Date, provider: String, httpStatus: Int?, outcome: String, error: String?, latencyMs: Double) {
        self.deliveryId = deliveryId
        self.attemptNumber = attemptNumber
        self.startedAt = startedAt
        self.provider = provider
        self.httpStatus = httpStatus
        self.outcome = outcome
        self.error = error
        self.latencyMs = latencyMs
    }
}

/// A reminder the planner wants to exist.
public struct NewDelivery: Sendable, Equatable {
    public var invoiceId: String
    public var step: String
    public var kind: String
    public var channel: Channel
    public var recipient: String?
    /// Earliest send time (e.g. the end of SMS quiet hours).
    public var notBefore: Date

    public init(invoiceId: String, step: String, kind: String, channel: Channel, recipient: String?, notBefore: Date) {
        self.invoiceId = invoiceId
        self.step = step
        self.kind = kind
        self.channel = channel
        self.recipient = recipient
        self.notBefore = notBefore
    }
}

/// How a claimed delivery leaves the `sending` state.
public enum DeliveryTransition: Sendable, Equatable {
    case sent(provider: String, messageId: String?, templateId: String, templateVersion: Int)
    /// Try again at `at` (backoff, Retry-After).
    case retry(at: Date, error: String)
    /// Permanent failure; not retried unless replayed.
    case failed(error: String)
    /// Attempts exhausted.
    case dead(error: String)
    /// No longer wanted (invoice paid/void, customer opted out, superseded by a later step).
    case cancelled(reason: String)
    /// Not attempted now (quiet hours, circuit open, rate limit); back to pending until `until`. Attempts unchanged.
    case deferred(until: Date, reason: String?)
}

/// Filters for listing deliveries.
public struct DeliveryFilter: Sendable, Equatable {
    public var status: DeliveryStatus?
    public var channel: Channel?
    public var provider: String?
    public var invoiceId: String?
    public var step: String?
    public var createdFrom: Date?
    public var createdTo: Date?

    public init(status: DeliveryStatus? = nil, channel: Channel? = nil, provider: String? = nil, invoiceId: String? = nil, step: String? = nil, createdFrom: Date? = nil, createdTo: Date? = nil) {
        self.status = status
        self.channel = channel
        self.provider = provider
        self.invoiceId = invoiceId
        self.step = step
        self.createdFrom = createdFrom
        self.createdTo = createdTo
    }
}

/// Outbox depth for metrics and alerts.
public struct OutboxStats: Sendable, Equatable {
    public var pending: Int
    public var sending: Int
    public var retryScheduled: Int
    /// Age of the oldest delivery that is due now but not yet sent; 0 when none.
    public var oldestDueAge: TimeInterval
}

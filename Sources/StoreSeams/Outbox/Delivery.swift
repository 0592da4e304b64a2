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

    package init(
        id: Int64, idempotencyKey: String, invoiceId: String, step: String, kind: String, channel: Channel, status: DeliveryStatus,
        provider: String?, recipient: String?, templateId: String?, templateVersion: Int?, attempts: Int, nextAttemptAt: Date,
        leaseOwner: String?, leaseExpiresAt: Date?, lastError: String?, providerMessageId: String?, resendCount: Int,
        createdAt: Date, updatedAt: Date, sentAt: Date?
    ) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.invoiceId = invoiceId
        self.step = step
        self.kind = kind
        self.channel = channel
        self.status = status
        self.provider = provider
        self.recipient = recipient
        self.templateId = templateId
        self.templateVersion = templateVersion
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.lastError = lastError
        self.providerMessageId = providerMessageId
        self.resendCount = resendCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sentAt = sentAt
    }

    /// The outbox's unique key of one reminder: `invoice|step|channel`.
    public static func key(invoiceId: String, step: String, channel: Channel) -> String {
        "\(invoiceId)|\(step)|\(channel.rawValue)"
    }
}

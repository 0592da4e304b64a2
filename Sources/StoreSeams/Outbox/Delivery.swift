package import Foundation
package import InvoiceDomain

/// One reminder in the outbox. Its `idempotencyKey` (`invoice|step|channel`) is unique in the table:
/// a second row for the same reminder cannot exist, whatever crashes or concurrent schedulers do.
package struct Delivery: Sendable, Equatable, Codable {
    package var id: Int64
    package var idempotencyKey: String
    package var invoiceId: String
    package var step: String
    /// Template family (`before_due`, `due_today`, `overdue`, `final_notice`).
    package var kind: String
    package var channel: Channel
    package var status: DeliveryStatus
    /// Provider of the last attempt (or of the successful send).
    package var provider: String?
    package var recipient: String?
    package var templateId: String?
    package var templateVersion: Int?
    package var attempts: Int
    package var nextAttemptAt: Date
    package var leaseOwner: String?
    package var leaseExpiresAt: Date?
    package var lastError: String?
    package var providerMessageId: String?
    /// Deliberate resends of an already-sent reminder (admin replay with `force`).
    package var resendCount: Int
    package var createdAt: Date
    package var updatedAt: Date
    package var sentAt: Date?
    /// Claimed again after a lease expired while the delivery was `sending`: its provider call may have been made
    /// (never started, still in flight, or answered but not recorded). Before sending, ask the provider whether it
    /// already has the message.
    package var inDoubt: Bool = false

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
    package static func key(invoiceId: String, step: String, channel: Channel) -> String {
        "\(invoiceId)|\(step)|\(channel.rawValue)"
    }
}

import Foundation
import GRDB
import InvoiceDomain
import StoreSeams

/// Row of the `delivery` table.
struct DeliveryRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "delivery"

    var id: Int64?
    var idempotencyKey: String
    var invoiceId: String
    var step: String
    var kind: String
    var channel: String
    var status: String
    var provider: String?
    var recipient: String?
    var templateId: String?
    var templateVersion: Int?
    var attempts: Int
    var nextAttemptAt: Date
    var leaseOwner: String?
    var leaseExpiresAt: Date?
    var lastError: String?
    var providerMessageId: String?
    var resendCount: Int
    var createdAt: Date
    var updatedAt: Date
    var sentAt: Date?
    var inDoubt: Bool

    var delivery: Delivery {
        var value = Delivery(
            id: id ?? 0, idempotencyKey: idempotencyKey, invoiceId: invoiceId, step: step, kind: kind,
            channel: Channel(rawValue: channel) ?? .email, status: DeliveryStatus(rawValue: status) ?? .pending,
            provider: provider, recipient: recipient, templateId: templateId, templateVersion: templateVersion,
            attempts: attempts, nextAttemptAt: nextAttemptAt, leaseOwner: leaseOwner, leaseExpiresAt: leaseExpiresAt,
            lastError: lastError, providerMessageId: providerMessageId, resendCount: resendCount,
            createdAt: createdAt, updatedAt: updatedAt, sentAt: sentAt
        )
        value.inDoubt = inDoubt
        return value
    }
}

struct DeliveryAttemptRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "deliveryAttempt"

    var id: Int64?
    var deliveryId: Int64
    var attemptNumber: Int
    var startedAt: Date
    var provider: String
    var httpStatus: Int?
    var outcome: String
    var error: String?
    var latencyMs: Double

    init(_ attempt: DeliveryAttempt, number: Int) {
        id = nil
        deliveryId = attempt.deliveryId
        attemptNumber = number
        startedAt = attempt.startedAt
        provider = attempt.provider
        httpStatus = attempt.httpStatus
        outcome = attempt.outcome
        error = attempt.error
        latencyMs = attempt.latencyMs
    }

    var attempt: DeliveryAttempt {
        var value = DeliveryAttempt(deliveryId: deliveryId, attemptNumber: attemptNumber, startedAt: startedAt, provider: provider, httpStatus: httpStatus, outcome: outcome, error: error, latencyMs: latencyMs)
        value.id = id
        return value
    }
}

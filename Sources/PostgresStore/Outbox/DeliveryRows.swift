import Foundation
import InvoiceDomain
import PostgresNIO
import StoreSeams

/// Reading `delivery` and `delivery_attempt` rows.
enum DeliveryRows {
    static let columns = """
        id, idempotency_key, invoice_id, step, kind, channel, status, provider, recipient, template_id, template_version, attempts,
        next_attempt_at, lease_owner, lease_expires_at, last_error, provider_message_id, resend_count, created_at, updated_at, sent_at,
        in_doubt
        """

    static func delivery(_ row: PostgresRandomAccessRow) throws -> Delivery {
        let channel: String = try row.value("channel")
        let status: String = try row.value("status")
        let templateVersion: Int64? = try row.value("template_version")
        var delivery = Delivery(
            id: try row.value("id"), idempotencyKey: try row.value("idempotency_key"), invoiceId: try row.value("invoice_id"),
            step: try row.value("step"), kind: try row.value("kind"), channel: Channel(rawValue: channel) ?? .email,
            status: DeliveryStatus(rawValue: status) ?? .pending, provider: try row.value("provider"),
            recipient: try row.value("recipient"), templateId: try row.value("template_id"), templateVersion: templateVersion.map(Int.init),
            attempts: Int(try row.value("attempts", as: Int64.self)), nextAttemptAt: try row.value("next_attempt_at"),
            leaseOwner: try row.value("lease_owner"), leaseExpiresAt: try row.value("lease_expires_at"),
            lastError: try row.value("last_error"), providerMessageId: try row.value("provider_message_id"),
            resendCount: Int(try row.value("resend_count", as: Int64.self)), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"), sentAt: try row.value("sent_at")
        )
        delivery.inDoubt = try row.value("in_doubt")
        return delivery
    }

    static func attempt(_ row: PostgresRandomAccessRow) throws -> DeliveryAttempt {
        let httpStatus: Int64? = try row.value("http_status")
        var attempt = DeliveryAttempt(
            deliveryId: try row.value("delivery_id"), attemptNumber: Int(try row.value("attempt_number", as: Int64.self)),
            startedAt: try row.value("started_at"), provider: try row.value("provider"), httpStatus: httpStatus.map(Int.init),
            outcome: try row.value("outcome"), error: try row.value("error"), latencyMs: try row.value("latency_ms")
        )
        attempt.id = try row.value("id")
        return attempt
    }

    /// The `WHERE` conditions of an admin filter.
    static func filter(_ filter: DeliveryFilter, into query: inout SQLBuilder) throws {
        if let status = filter.status { try query.filter("status = ?", status.rawValue) }
        if let channel = filter.channel { try query.filter("channel = ?", channel.rawValue) }
        if let provider = filter.provider { try query.filter("provider = ?", provider) }
        if let invoiceId = filter.invoiceId { try query.filter("invoice_id = ?", invoiceId) }
        if let step = filter.step { try query.filter("step = ?", step) }
        if let status = filter.providerStatus { try query.filter("provider_status = ?", status.rawValue) }
        if let from = filter.createdFrom { try query.filter("created_at >= ?", from) }
        if let to = filter.createdTo { try query.filter("created_at < ?", to) }
    }
}

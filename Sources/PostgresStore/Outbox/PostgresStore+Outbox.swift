package import Foundation
import InvoiceDomain
import Logging
import PostgresNIO
package import StoreSeams

extension PostgresStore: OutboxQueue, OutboxAdministration, ReminderPlanningStore {
    package func enqueue(_ deliveries: [NewDelivery], now: Date) async throws -> Int {
        let logger = logger
        return try await write { connection in
            var inserted = 0
            for item in deliveries {
                let key = Delivery.key(invoiceId: item.invoiceId, step: item.step, channel: item.channel)
                // ON CONFLICT DO NOTHING: the unique key, not a prior read, guarantees one row per reminder across relays.
                let rows = try await connection.query("""
                    INSERT INTO delivery (idempotency_key, invoice_id, step, kind, channel, status, recipient, attempts,
                                          next_attempt_at, resend_count, created_at, updated_at)
                    VALUES (\(key), \(item.invoiceId), \(item.step), \(item.kind), \(item.channel.rawValue), 'pending', \(item.recipient), 0,
                            \(item.notBefore), 0, \(now), \(now))
                    ON CONFLICT (idempotency_key) DO NOTHING
                    RETURNING id
                    """, logger: logger).rows()
                guard !rows.isEmpty else { continue }
                inserted += 1
                try await connection.query("""
                    UPDATE delivery SET status = 'cancelled', last_error = \("superseded by step \(item.step)"), updated_at = \(now)
                    WHERE invoice_id = \(item.invoiceId) AND channel = \(item.channel.rawValue) AND step <> \(item.step)
                      AND status IN ('pending', 'retry_scheduled')
                    """, logger: logger)
            }
            return inserted
        }
    }

    /// Claims up to `limit` due deliveries (pending or retry due, or sending with an expired lease) for `owner`.
    /// `FOR UPDATE SKIP LOCKED` lets relays claim side by side: a row another relay is claiming is skipped, never
    /// claimed twice; a row changed meanwhile is re-checked against the `WHERE` clause before it is locked.
    package func claimDue(now: Date, limit: Int, owner: String, lease: TimeInterval) async throws -> [Delivery] {
        let expires = now.addingTimeInterval(lease)
        let limit = Int64(limit)
        return try await read { connection in
            try await connection.query("""
                UPDATE delivery SET in_doubt = (status = 'sending'), status = 'sending', lease_owner = \(owner), lease_expires_at = \(expires), updated_at = \(now)
                WHERE id IN (
                    SELECT id FROM delivery
                    WHERE (status IN ('pending', 'retry_scheduled') AND next_attempt_at <= \(now))
                       OR (status = 'sending' AND lease_expires_at <= \(now))
                    ORDER BY CASE WHEN status = 'sending' THEN lease_expires_at ELSE next_attempt_at END
                    LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING \(unescaped: DeliveryRows.columns)
                """, logger: logger).rows().map(DeliveryRows.delivery)
                .sorted { ($0.nextAttemptAt, $0.id) < ($1.nextAttemptAt, $1.id) }
        }
    }

    package func completeAll(_ completions: [DeliveryCompletion]) async throws -> [Result<Bool, any Error>] {
        let logger = logger
        return try await writeBatch(completions) { completion, connection in try await Self.complete(completion, connection, logger: logger) }
    }

    /// The lease check is the UPDATE's own WHERE clause: no row changed means the lease was lost and nothing is written.
    private static func complete(_ completion: DeliveryCompletion, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let (id, owner, attempt, now) = (completion.deliveryId, completion.owner, completion.attempt, completion.now)
        let attempted: Int64 = attempt == nil ? 0 : 1
        let query: PostgresQuery
        switch completion.transition {
        case .sent(let provider, let messageId, let templateId, let templateVersion):
            query = """
                UPDATE delivery SET status = \(DeliveryStatus.sent.rawValue), lease_owner = NULL, lease_expires_at = NULL, updated_at = \(now),
                    attempts = attempts + \(attempted), provider = COALESCE(\(provider), provider), provider_message_id = \(messageId),
                    template_id = \(templateId), template_version = \(Int64(templateVersion)), sent_at = \(now), last_error = NULL
                WHERE id = \(id) AND status = 'sending' AND lease_owner = \(owner) RETURNING id
                """
        case .retry(let at, let error):
            query = """
                UPDATE delivery SET status = \(DeliveryStatus.retryScheduled.rawValue), lease_owner = NULL, lease_expires_at = NULL,
                    updated_at = \(now), attempts = attempts + \(attempted), provider = COALESCE(\(attempt?.provider), provider),
                    next_attempt_at = \(at), last_error = \(error)
                WHERE id = \(id) AND status = 'sending' AND lease_owner = \(owner) RETURNING id
                """
        case .failed(let error), .dead(let error), .cancelled(let error):
            let status: DeliveryStatus = switch completion.transition {
            case .failed: .failed
            case .dead: .dead
            default: .cancelled
            }
            query = """
                UPDATE delivery SET status = \(status.rawValue), lease_owner = NULL, lease_expires_at = NULL, updated_at = \(now),
                    attempts = attempts + \(attempted), provider = COALESCE(\(attempt?.provider), provider), last_error = \(error)
                WHERE id = \(id) AND status = 'sending' AND lease_owner = \(owner) RETURNING id
                """
        case .deferred(let until, let reason):
            query = """
                UPDATE delivery SET status = \(DeliveryStatus.pending.rawValue), lease_owner = NULL, lease_expires_at = NULL,
                    updated_at = \(now), attempts = attempts + \(attempted), provider = COALESCE(\(attempt?.provider), provider),
                    next_attempt_at = \(until), last_error = COALESCE(\(reason), last_error)
                WHERE id = \(id) AND status = 'sending' AND lease_owner = \(owner) RETURNING id
                """
        }
        guard try await !connection.query(query, logger: logger).rows().isEmpty else { return false }
        if let attempt {
            let httpStatus = attempt.httpStatus.map(Int64.init)
            try await connection.query("""
                INSERT INTO delivery_attempt (delivery_id, attempt_number, started_at, provider, http_status, outcome, error, latency_ms)
                VALUES (\(id), (SELECT COUNT(*) + 1 FROM delivery_attempt WHERE delivery_id = \(id)), \(attempt.startedAt),
                        \(attempt.provider), \(httpStatus), \(attempt.outcome), \(attempt.error), \(attempt.latencyMs))
                """, logger: logger)
        }
        return true
    }

    package func releaseLeases(owner: String, now: Date) async throws -> Int {
        try await read { connection in
            try await connection.query("""
                UPDATE delivery SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(now)
                WHERE status = 'sending' AND lease_owner = \(owner) RETURNING id
                """, logger: logger).rows().count
        }
    }

    package func delivery(id: Int64) async throws -> Delivery? {
        try await read { connection in
            try await connection.query("SELECT \(unescaped: DeliveryRows.columns) FROM delivery WHERE id = \(id)", logger: logger)
                .rows().first.map(DeliveryRows.delivery)
        }
    }

    package func deliveries(matching filter: DeliveryFilter, limit: Int, before: Int64?) async throws -> [Delivery] {
        var query = SQLBuilder("SELECT \(DeliveryRows.columns) FROM delivery")
        try DeliveryRows.filter(filter, into: &query)
        if let before { try query.filter("id < ?", before) }
        let built = try query.query("ORDER BY id DESC LIMIT ?", limit: limit)
        return try await read { connection in try await connection.query(built, logger: logger).rows().map(DeliveryRows.delivery) }
    }

    package func attempts(deliveryId: Int64) async throws -> [DeliveryAttempt] {
        try await read { connection in
            try await connection.query("SELECT * FROM delivery_attempt WHERE delivery_id = \(deliveryId) ORDER BY id", logger: logger)
                .rows().map(DeliveryRows.attempt)
        }
    }

    package func replay(id: Int64, force: Bool, now: Date) async throws -> Delivery {
        let logger = logger
        return try await write { connection in
            guard let row = try await connection.query(
                "SELECT status FROM delivery WHERE id = \(id) FOR UPDATE", logger: logger
            ).rows().first else { throw StoreError.notFound("delivery \(id)") }
            let status: String = try row.value("status")
            var resend: Int64 = 0
            switch DeliveryStatus(rawValue: status) {
            case .failed, .dead, .cancelled:
                break
            case .sent:
                guard force else { throw StoreError.conflict("delivery \(id) was already sent; pass force to send it again") }
                resend = 1
            case .pending, .retryScheduled, .sending, nil:
                throw StoreError.conflict("delivery \(id) is \(status) and already queued")
            }
            let rows = try await connection.query("""
                UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = \(now), lease_owner = NULL, lease_expires_at = NULL,
                    updated_at = \(now), resend_count = resend_count + \(resend)
                WHERE id = \(id) RETURNING \(unescaped: DeliveryRows.columns)
                """, logger: logger).rows()
            guard let updated = rows.first else { throw StoreError.notFound("delivery \(id)") }
            return try DeliveryRows.delivery(updated)
        }
    }

    package func replayAll(matching filter: DeliveryFilter, now: Date) async throws -> Int {
        let statuses = filter.status.map { [$0] }?.filter { $0 == .failed || $0 == .dead } ?? [.failed, .dead]
        guard !statuses.isEmpty else { return 0 }
        var unfiltered = filter
        unfiltered.status = nil
        var query = SQLBuilder("UPDATE delivery")
        let at = try query.bind(now)
        query.append(" SET status = 'pending', attempts = 0, next_attempt_at = \(at), updated_at = \(at)")
        try DeliveryRows.filter(unfiltered, into: &query)
        try query.filter("status = ANY(?)", statuses.map(\.rawValue))
        let built = try query.query("RETURNING id")
        return try await read { connection in try await connection.query(built, logger: logger).rows().count }
    }

    package func setOptOut(customerId: String, channel: Channel, optedOut: Bool, now: Date) async throws {
        _ = try await read { connection in
            try await connection.query("""
                INSERT INTO customer_preference (customer_id, channel, opted_out, updated_at) VALUES (\(customerId), \(channel.rawValue), \(optedOut), \(now))
                ON CONFLICT (customer_id, channel) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at
                """, logger: logger)
        }
    }

    package func isOptedOut(customerId: String, channel: Channel) async throws -> Bool {
        try await read { connection in try await Self.isOptedOut(customerId: customerId, channel: channel, connection, logger: logger) }
    }

    private static func isOptedOut(customerId: String, channel: Channel, _ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        try await connection.query(
            "SELECT opted_out FROM customer_preference WHERE customer_id = \(customerId) AND channel = \(channel.rawValue)", logger: logger
        ).rows().first.map { try $0.value("opted_out", as: Bool.self) } ?? false
    }

    package func optOuts(customerIds: Set<String>) async throws -> [String: Set<Channel>] {
        guard !customerIds.isEmpty else { return [:] }
        let ids = Array(customerIds)
        return try await read { connection in
            var optOuts: [String: Set<Channel>] = [:]
            let rows = try await connection.query(
                "SELECT customer_id, channel FROM customer_preference WHERE opted_out AND customer_id = ANY(\(ids))", logger: logger
            ).rows()
            for row in rows {
                guard let channel = Channel(rawValue: try row.value("channel")) else { continue }
                optOuts[try row.value("customer_id", as: String.self), default: []].insert(channel)
            }
            return optOuts
        }
    }

    package func deliveryCheck(invoiceId: String, channel: Channel, deliveryId: Int64?) async throws -> DeliveryCheck {
        let logger = logger
        return try await read { connection in
            var check = try await Self.check(invoiceId: invoiceId, channel: channel, connection, logger: logger)
            if let deliveryId {
                check.delivery = try await connection.query(
                    "SELECT \(unescaped: DeliveryRows.columns) FROM delivery WHERE id = \(deliveryId)", logger: logger
                ).rows().first.map(DeliveryRows.delivery)
            }
            return check
        }
    }

    package func pickupChecks(_ deliveries: [Delivery]) async throws -> [Int64: DeliveryCheck] {
        let logger = logger
        return try await read { connection in
            var checks: [Int64: DeliveryCheck] = [:]
            for delivery in deliveries {
                checks[delivery.id] = try await Self.check(invoiceId: delivery.invoiceId, channel: delivery.channel, connection, logger: logger)
            }
            return checks
        }
    }

    private static func check(invoiceId: String, channel: Channel, _ connection: PostgresConnection, logger: Logger) async throws -> DeliveryCheck {
        let invoice = try await InvoiceRows.fetch(id: invoiceId, connection, logger: logger)?.invoice
        var optedOut = false
        if let customerId = invoice?.snapshot.customerId {
            optedOut = try await isOptedOut(customerId: customerId, channel: channel, connection, logger: logger)
        }
        let address = channel == .email ? invoice?.snapshot.customerEmail : invoice?.snapshot.customerPhone
        let suppressed = try await isSuppressed(channel: channel, address: address, connection, logger: logger)
        return DeliveryCheck(invoice: invoice, optedOut: optedOut, delivery: nil, suppressed: suppressed)
    }

    package func outboxStats(now: Date) async throws -> OutboxStats {
        try await read { connection in
            var counts: [String: Int] = [:]
            let rows = try await connection.query(
                "SELECT status, COUNT(*) AS n FROM delivery WHERE status IN ('pending', 'sending', 'retry_scheduled') GROUP BY status",
                logger: logger
            ).rows()
            for row in rows { counts[try row.value("status")] = Int(try row.value("n", as: Int64.self)) }
            let oldest = try await connection.query(
                "SELECT MIN(next_attempt_at) AS oldest FROM delivery WHERE status IN ('pending', 'retry_scheduled') AND next_attempt_at <= \(now)",
                logger: logger
            ).rows().first.flatMap { try $0.value("oldest", as: Date?.self) }
            return OutboxStats(
                pending: counts["pending"] ?? 0, sending: counts["sending"] ?? 0, retryScheduled: counts["retry_scheduled"] ?? 0,
                oldestDueAge: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
            )
        }
    }
}

package import Foundation
import GRDB
package import InvoiceDomain
package import StoreSeams

extension SQLiteStore: OutboxQueue, OutboxAdministration, ReminderPlanningStore {
    package func enqueue(_ deliveries: [NewDelivery], now: Date) async throws -> Int {
        try await writer.write { db in
            var inserted = 0
            for item in deliveries {
                let key = Delivery.key(invoiceId: item.invoiceId, step: item.step, channel: item.channel)
                // ON CONFLICT DO NOTHING: the unique key, not a prior read, guarantees one row per reminder.
                try db.cachedStatement(
                    sql: """
                        INSERT INTO delivery (idempotencyKey, invoiceId, step, kind, channel, status, recipient, attempts,
                                              nextAttemptAt, resendCount, createdAt, updatedAt)
                        VALUES (?, ?, ?, ?, ?, 'pending', ?, 0, ?, 0, ?, ?)
                        ON CONFLICT(idempotencyKey) DO NOTHING
                        """
                ).execute(arguments: [key, item.invoiceId, item.step, item.kind, item.channel.rawValue, item.recipient, item.notBefore, now, now])
                guard db.changesCount > 0 else { continue }
                inserted += 1
                try db.cachedStatement(
                    sql: """
                        UPDATE delivery SET status = 'cancelled', lastError = ?, updatedAt = ?
                        WHERE invoiceId = ? AND channel = ? AND step <> ? AND status IN ('pending', 'retry_scheduled')
                        """
                ).execute(arguments: ["superseded by step \(item.step)", now, item.invoiceId, item.channel.rawValue, item.step])
            }
            return inserted
        }
    }

    package func claimDue(now: Date, limit: Int, owner: String, lease: TimeInterval) async throws -> [Delivery] {
        try await writer.write { db in
            // One write transaction at a time makes the select-then-update atomic on SQLite.
            // (PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED in the same statement shape.)
            // Each arm walks its index in due order and stops after `limit` rows, so the cost does not grow
            // with the number of due deliveries; the outer sort sees at most 3 × limit rows.
            let ids = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM (
                    SELECT * FROM (SELECT id, nextAttemptAt AS dueAt FROM delivery
                                    WHERE status = 'pending' AND nextAttemptAt <= ? ORDER BY nextAttemptAt LIMIT ?)
                    UNION ALL
                    SELECT * FROM (SELECT id, nextAttemptAt AS dueAt FROM delivery
                                    WHERE status = 'retry_scheduled' AND nextAttemptAt <= ? ORDER BY nextAttemptAt LIMIT ?)
                    UNION ALL
                    SELECT * FROM (SELECT id, leaseExpiresAt AS dueAt FROM delivery
                                    WHERE status = 'sending' AND leaseExpiresAt <= ? ORDER BY leaseExpiresAt LIMIT ?)
                ) ORDER BY dueAt LIMIT ?
                """), arguments: [now, limit, now, limit, now, limit, limit])
            guard !ids.isEmpty else { return [] }
            let expires = now.addingTimeInterval(lease)
            try db.execute(
                sql: "UPDATE delivery SET inDoubt = (status = 'sending'), status = 'sending', leaseOwner = ?, leaseExpiresAt = ?, updatedAt = ? WHERE id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments([owner, expires, now] as [any DatabaseValueConvertible]) + StatementArguments(ids)
            )
            return try DeliveryRecord.filter(keys: ids).order(Column("nextAttemptAt")).fetchAll(db).map(\.delivery)
        }
    }

    /// ``completeAll(_:)`` for one delivery, in its own transaction (tests and tools; the scheduler batches).
    /// - Returns: `false` when `owner` no longer holds the lease; nothing is written then.
    @discardableResult
    package func complete(_ deliveryId: Int64, owner: String, attempt: DeliveryAttempt?, transition: DeliveryTransition, now: Date) async throws -> Bool {
        let completion = DeliveryCompletion(deliveryId: deliveryId, owner: owner, attempt: attempt, transition: transition, now: now)
        return try await writer.write { db in try Self.complete(completion, db) }
    }

    package func completeAll(_ completions: [DeliveryCompletion]) async throws -> [Result<Bool, any Error>] {
        try await writeBatch(completions) { completion, db in try Self.complete(completion, db) }
    }

    private static func complete(_ completion: DeliveryCompletion, _ db: Database) throws -> Bool {
        let (deliveryId, owner, attempt, now) = (completion.deliveryId, completion.owner, completion.attempt, completion.now)
        let change = completionChange(completion.transition, attempt: attempt, now: now)
        // The lease check is the UPDATE's own WHERE clause: no row changed means the lease was lost and nothing is written.
        let update = try db.cachedStatement(sql: """
            UPDATE delivery SET status = ?, leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ?,
                                attempts = attempts + ?, provider = COALESCE(?, provider)\(change.assignments)
            WHERE id = ? AND status = 'sending' AND leaseOwner = ?
            """)
        let common: StatementArguments = [change.status.rawValue, now.stored, attempt == nil ? 0 : 1, change.provider]
        try update.execute(arguments: common + change.arguments + [deliveryId, owner])
        guard db.changesCount > 0 else { return false }
        if let attempt {
            try db.cachedStatement(sql: """
                INSERT INTO deliveryAttempt (deliveryId, attemptNumber, startedAt, provider, httpStatus, outcome, error, latencyMs)
                VALUES (?, (SELECT COUNT(*) + 1 FROM deliveryAttempt WHERE deliveryId = ?), ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    deliveryId, deliveryId, attempt.startedAt.stored, attempt.provider, attempt.httpStatus, attempt.outcome, attempt.error,
                    attempt.latencyMs,
                ])
        }
        return true
    }

    /// The columns a transition sets besides the common ones, as a constant SQL fragment (so its statement is cached) and its arguments.
    private static func completionChange(
        _ transition: DeliveryTransition, attempt: DeliveryAttempt?, now: Date
    ) -> (status: DeliveryStatus, provider: String?, assignments: String, arguments: StatementArguments) {
        switch transition {
        case .sent(let provider, let messageId, let templateId, let templateVersion):
            return (.sent, provider, ", providerMessageId = ?, templateId = ?, templateVersion = ?, sentAt = ?, lastError = NULL",
                    [messageId, templateId, templateVersion, now.stored])
        case .retry(let at, let error):
            return (.retryScheduled, attempt?.provider, ", nextAttemptAt = ?, lastError = ?", [at.stored, error])
        case .failed(let error):
            return (.failed, attempt?.provider, ", lastError = ?", [error])
        case .dead(let error):
            return (.dead, attempt?.provider, ", lastError = ?", [error])
        case .cancelled(let reason):
            return (.cancelled, attempt?.provider, ", lastError = ?", [reason])
        case .deferred(let until, let reason):
            return (.pending, attempt?.provider, ", nextAttemptAt = ?, lastError = COALESCE(?, lastError)", [until.stored, reason])
        }
    }

    package func releaseLeases(owner: String, now: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE delivery SET status = 'pending', leaseOwner = NULL, leaseExpiresAt = NULL, updatedAt = ? WHERE status = 'sending' AND leaseOwner = ?",
                arguments: [now, owner]
            )
            return db.changesCount
        }
    }

    package func delivery(id: Int64) async throws -> Delivery? {
        try await writer.read { db in
            try DeliveryRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM delivery WHERE id = ?"), arguments: [id])?.delivery
        }
    }

    package func deliveries(matching filter: DeliveryFilter, limit: Int, before: Int64?) async throws -> [Delivery] {
        try await writer.read { db in
            var request = Self.filtered(filter)
            if let before { request = request.filter(Column("id") < before) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db).map(\.delivery)
        }
    }

    package func attempts(deliveryId: Int64) async throws -> [DeliveryAttempt] {
        try await writer.read { db in
            try DeliveryAttemptRecord.filter(Column("deliveryId") == deliveryId).order(Column("id")).fetchAll(db).map(\.attempt)
        }
    }

    package func replay(id: Int64, force: Bool, now: Date) async throws -> Delivery {
        try await writer.write { db in
            guard var row = try DeliveryRecord.fetchOne(db, key: id) else { throw StoreError.notFound("delivery \(id)") }
            switch DeliveryStatus(rawValue: row.status) {
            case .failed, .dead, .cancelled:
                break
            case .sent:
                guard force else { throw StoreError.conflict("delivery \(id) was already sent; pass force to send it again") }
                row.resendCount += 1
            case .pending, .retryScheduled, .sending, nil:
                throw StoreError.conflict("delivery \(id) is \(row.status) and already queued")
            }
            row.status = DeliveryStatus.pending.rawValue
            row.attempts = 0
            row.nextAttemptAt = now
            row.leaseOwner = nil
            row.leaseExpiresAt = nil
            row.updatedAt = now
            try row.update(db)
            return row.delivery
        }
    }

    package func replayAll(matching filter: DeliveryFilter, now: Date) async throws -> Int {
        try await writer.write { db in
            let statuses = filter.status.map { [$0] }?.filter { $0 == .failed || $0 == .dead } ?? [.failed, .dead]
            guard !statuses.isEmpty else { return 0 }
            var unfiltered = filter
            unfiltered.status = nil
            let ids = try Self.filtered(unfiltered).filter(statuses.map(\.rawValue).contains(Column("status"))).select(Column("id"), as: Int64.self).fetchAll(db)
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                try db.execute(
                    sql: "UPDATE delivery SET status = 'pending', attempts = 0, nextAttemptAt = ?, updatedAt = ? WHERE id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                    arguments: StatementArguments([now, now] as [any DatabaseValueConvertible]) + StatementArguments(chunk)
                )
            }
            return ids.count
        }
    }

    package func setOptOut(customerId: String, channel: Channel, optedOut: Bool, now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO customerPreference (customerId, channel, optedOut, updatedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(customerId, channel) DO UPDATE SET optedOut = excluded.optedOut, updatedAt = excluded.updatedAt
                    """,
                arguments: [customerId, channel.rawValue, optedOut, now]
            )
        }
    }

    package func isOptedOut(customerId: String, channel: Channel) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT optedOut FROM customerPreference WHERE customerId = ? AND channel = ?"),
                arguments: [customerId, channel.rawValue]
            ) ?? false
        }
    }

    package func optOuts(customerIds: Set<String>) async throws -> [String: Set<Channel>] {
        guard !customerIds.isEmpty else { return [:] }
        let ids = Array(customerIds)
        return try await writer.read { db in
            var optOuts: [String: Set<Channel>] = [:]
            // Chunks stay far below SQLite's limit on bound parameters.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT customerId, channel FROM customerPreference WHERE optedOut AND customerId IN (\(placeholders))",
                    arguments: StatementArguments(chunk)
                )
                while let row = try rows.next() {
                    guard let channel = Channel(rawValue: row[1]) else { continue }
                    optOuts[row[0], default: []].insert(channel)
                }
            }
            return optOuts
        }
    }

    package func deliveryCheck(invoiceId: String, channel: Channel, deliveryId: Int64?) async throws -> DeliveryCheck {
        try await writer.read { db in
            var check = try Self.check(invoiceId: invoiceId, channel: channel, db)
            check.delivery = try deliveryId.flatMap { id in
                try DeliveryRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM delivery WHERE id = ?"), arguments: [id])?.delivery
            }
            return check
        }
    }

    package func pickupChecks(_ deliveries: [Delivery]) async throws -> [Int64: DeliveryCheck] {
        try await writer.read { db in
            var checks: [Int64: DeliveryCheck] = [:]
            for delivery in deliveries {
                checks[delivery.id] = try Self.check(invoiceId: delivery.invoiceId, channel: delivery.channel, db)
            }
            return checks
        }
    }

    /// The invoice, the opt-out of its customer for `channel`, and whether its address for `channel` is suppressed.
    private static func check(invoiceId: String, channel: Channel, _ db: Database) throws -> DeliveryCheck {
        let invoice = try InvoiceRecord.fetchOne(id: invoiceId, db)?.invoice
        var optedOut = false
        if let customerId = invoice?.snapshot.customerId {
            optedOut = try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT optedOut FROM customerPreference WHERE customerId = ? AND channel = ?"),
                arguments: [customerId, channel.rawValue]
            ) ?? false
        }
        let address = channel == .email ? invoice?.snapshot.customerEmail : invoice?.snapshot.customerPhone
        let suppressed = try isSuppressed(channel: channel, address: address, db)
        return DeliveryCheck(invoice: invoice, optedOut: optedOut, delivery: nil, suppressed: suppressed)
    }

    package func outboxStats(now: Date) async throws -> OutboxStats {
        try await writer.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM delivery WHERE status IN ('pending', 'sending', 'retry_scheduled') GROUP BY status") {
                counts[row["status"]] = row["n"]
            }
            let oldest = try Date.fetchOne(db, sql: "SELECT MIN(nextAttemptAt) FROM delivery WHERE status IN ('pending', 'retry_scheduled') AND nextAttemptAt <= ?", arguments: [now])
            return OutboxStats(
                pending: counts["pending"] ?? 0, sending: counts["sending"] ?? 0, retryScheduled: counts["retry_scheduled"] ?? 0,
                oldestDueAge: oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0
            )
        }
    }

    private static func filtered(_ filter: DeliveryFilter) -> QueryInterfaceRequest<DeliveryRecord> {
        var request = DeliveryRecord.all()
        if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
        if let channel = filter.channel { request = request.filter(Column("channel") == channel.rawValue) }
        if let provider = filter.provider { request = request.filter(Column("provider") == provider) }
        if let invoiceId = filter.invoiceId { request = request.filter(Column("invoiceId") == invoiceId) }
        if let step = filter.step { request = request.filter(Column("step") == step) }
        if let status = filter.providerStatus { request = request.filter(Column("providerStatus") == status.rawValue) }
        if let from = filter.createdFrom { request = request.filter(Column("createdAt") >= from) }
        if let to = filter.createdTo { request = request.filter(Column("createdAt") < to) }
        return request
    }
}

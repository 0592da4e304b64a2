package import Foundation
package import InvoiceDomain
import Logging
import PostgresNIO
package import StoreSeams

extension PostgresStore: ReconcileStore {
    package func cursor(source: String) async throws -> ReconcileCursor? {
        try await read { connection in
            guard let row = try await connection.query("SELECT * FROM reconcile_cursor WHERE source = \(source)", logger: logger).rows().first
            else { return nil }
            return ReconcileCursor(
                source: try row.value("source"), lastCreated: try row.value("last_created"), lastEventId: try row.value("last_event_id"),
                updatedAt: try row.value("updated_at")
            )
        }
    }

    /// All or nothing: the cursor must not move past an event that failed.
    package func ingestPage(_ events: [IncomingEvent], advancing cursor: ReconcileCursor?) async throws -> [IngestResult] {
        let logger = logger
        return try await write { connection in
            try await lock(Self.locks(events), connection)
            var results: [IngestResult] = []
            for event in events { results.append(try await Self.ingest(event, connection, logger: logger)) }
            if let cursor { try await Self.save(cursor, connection, logger: logger) }
            return results
        }
    }

    package func saveCursor(_ cursor: ReconcileCursor) async throws {
        let logger = logger
        try await read { connection in try await Self.save(cursor, connection, logger: logger) }
    }

    private static func save(_ cursor: ReconcileCursor, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO reconcile_cursor (source, last_created, last_event_id, updated_at)
            VALUES (\(cursor.source), \(cursor.lastCreated), \(cursor.lastEventId), \(cursor.updatedAt))
            ON CONFLICT (source) DO UPDATE SET last_created = excluded.last_created, last_event_id = excluded.last_event_id,
                updated_at = excluded.updated_at
            """, logger: logger)
    }

    package func correctInvoice(source: String, snapshot: InvoiceSnapshot, observedAt: Date, dryRun: Bool) async throws -> [DriftRecord] {
        guard let status = InvoiceStatus.derive(providerStatus: snapshot.providerStatus, amountDue: snapshot.amountDue, amountPaid: snapshot.amountPaid) else {
            throw StoreError.invalid("unknown invoice status '\(snapshot.providerStatus)'")
        }
        let logger = logger
        return try await write { connection in
            try await lock([LockKey.invoice(snapshot.providerInvoiceId)], connection)
            let existing = try await InvoiceRows.fetch(id: snapshot.providerInvoiceId, connection, logger: logger)
            let theirs = Invoice(source: source, snapshot: snapshot, status: status, lastEventAt: observedAt, lastEventId: "reconcile:sweep")
            let drift = InvoiceDrift.differences(ours: existing?.invoice, theirs: theirs).map {
                DriftRecord(invoiceId: snapshot.providerInvoiceId, field: $0.field, ours: $0.ours, theirs: $0.theirs, detectedAt: observedAt, fixed: !dryRun)
            }
            guard !drift.isEmpty else { return [] }
            guard !dryRun else { return drift }
            var corrected = theirs
            // What events and operators set, which an invoice object does not say, stays as stored.
            if let kept = existing?.invoice {
                corrected.lastPaymentFailedAt = kept.lastPaymentFailedAt
                corrected.actionRequiredAt = kept.actionRequiredAt
                corrected.remindersPausedUntil = kept.remindersPausedUntil
                corrected.pauseNote = kept.pauseNote
                corrected.skippedSteps = kept.skippedSteps
            }
            // Keep the newest event ordering key so later webhooks are still judged against real event times.
            if let existing, existing.invoice.lastEventAt > observedAt {
                corrected.lastEventAt = existing.invoice.lastEventAt
                corrected.lastEventId = existing.invoice.lastEventId
            }
            try await InvoiceRows.upsert(corrected, createdAt: existing?.createdAt ?? observedAt, updatedAt: observedAt, connection, logger: logger)
            var stored: [DriftRecord] = []
            for var record in drift {
                let rows = try await connection.query("""
                    INSERT INTO drift (invoice_id, field, ours, theirs, detected_at, fixed)
                    VALUES (\(record.invoiceId), \(record.field), \(record.ours), \(record.theirs), \(record.detectedAt), \(record.fixed))
                    RETURNING id
                    """, logger: logger).rows()
                record.id = try rows.first?.value("id", as: Int64.self)
                stored.append(record)
            }
            return stored
        }
    }

    package func drifts(invoiceId: String?, limit: Int) async throws -> [DriftRecord] {
        var query = SQLBuilder("SELECT * FROM drift")
        if let invoiceId { try query.filter("invoice_id = ?", invoiceId) }
        let built = try query.query("ORDER BY id DESC LIMIT ?", limit: limit)
        return try await read { connection in
            try await connection.query(built, logger: logger).rows().map { row in
                DriftRecord(
                    id: try row.value("id"), invoiceId: try row.value("invoice_id"), field: try row.value("field"), ours: try row.value("ours"),
                    theirs: try row.value("theirs"), detectedAt: try row.value("detected_at"), fixed: try row.value("fixed")
                )
            }
        }
    }

    package func lastWebhookReceivedAt(source: String) async throws -> Date? {
        try await read { connection in
            try await connection.query(
                "SELECT received_at FROM webhook_event WHERE source = \(source) AND origin = 'webhook' ORDER BY id DESC LIMIT 1", logger: logger
            ).rows().first.map { try $0.value("received_at", as: Date.self) }
        }
    }
}

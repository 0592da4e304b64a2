package import Foundation
import GRDB
package import InvoiceDomain
package import StoreSeams

struct DriftRow: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "drift"
    var id: Int64?
    var invoiceId: String
    var field: String
    var ours: String?
    var theirs: String?
    var detectedAt: Date
    var fixed: Bool

    var record: DriftRecord { DriftRecord(id: id, invoiceId: invoiceId, field: field, ours: ours, theirs: theirs, detectedAt: detectedAt, fixed: fixed) }
}

extension SQLiteStore: ReconcileStore {
    package func cursor(source: String) async throws -> ReconcileCursor? {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM reconcileCursor WHERE source = ?", arguments: [source]) else { return nil }
            return ReconcileCursor(source: row["source"], lastCreated: row["lastCreated"], lastEventId: row["lastEventId"], updatedAt: row["updatedAt"])
        }
    }

    package func ingestPage(_ events: [IncomingEvent], advancing cursor: ReconcileCursor?) async throws -> [IngestResult] {
        try await writer.write { db in
            // All or nothing: the cursor must not move past an event that failed.
            let results = try events.map { event in try Self.ingest(event, db) }
            if let cursor { try Self.save(cursor, db) }
            return results
        }
    }

    package func saveCursor(_ cursor: ReconcileCursor) async throws {
        try await writer.write { db in try Self.save(cursor, db) }
    }

    private static func save(_ cursor: ReconcileCursor, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO reconcileCursor (source, lastCreated, lastEventId, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT(source) DO UPDATE SET lastCreated = excluded.lastCreated, lastEventId = excluded.lastEventId, updatedAt = excluded.updatedAt
                """,
            arguments: [cursor.source, cursor.lastCreated, cursor.lastEventId, cursor.updatedAt]
        )
    }

    package func correctInvoice(source: String, snapshot: InvoiceSnapshot, observedAt: Date, dryRun: Bool) async throws -> [DriftRecord] {
        try await writer.write { db in
            guard let status = InvoiceStatus.derive(providerStatus: snapshot.providerStatus, amountDue: snapshot.amountDue, amountPaid: snapshot.amountPaid) else {
                throw StoreError.invalid("unknown invoice status '\(snapshot.providerStatus)'")
            }
            let existing = try InvoiceRecord.fetchOne(db, key: snapshot.providerInvoiceId)
            let theirs = Invoice(source: source, snapshot: snapshot, status: status, lastEventAt: observedAt, lastEventId: "reconcile:sweep")
            let drift = InvoiceDrift.differences(ours: existing?.invoice, theirs: theirs).map {
                DriftRow(id: nil, invoiceId: snapshot.providerInvoiceId, field: $0.field, ours: $0.ours, theirs: $0.theirs, detectedAt: observedAt, fixed: !dryRun)
            }
            guard !drift.isEmpty else { return [] }
            guard !dryRun else { return drift.map(\.record) }
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
            if let existing, existing.lastEventAt > observedAt {
                corrected.lastEventAt = existing.lastEventAt
                corrected.lastEventId = existing.lastEventId
            }
            try InvoiceRecord(corrected, createdAt: existing?.createdAt ?? observedAt, updatedAt: observedAt).save(db)
            var stored: [DriftRecord] = []
            for var row in drift {
                try row.insert(db)
                row.id = db.lastInsertedRowID
                stored.append(row.record)
            }
            return stored
        }
    }

    package func drifts(invoiceId: String?, limit: Int) async throws -> [DriftRecord] {
        try await writer.read { db in
            var request = DriftRow.all()
            if let invoiceId { request = request.filter(Column("invoiceId") == invoiceId) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db).map(\.record)
        }
    }

    /// When the newest stored webhook of `source` arrived (the newest by insertion: events are stored in arrival
    /// order, and no index on `receivedAt` is kept for this one read).
    package func lastWebhookReceivedAt(source: String) async throws -> Date? {
        try await writer.read { db in
            try Date.fetchOne(
                db, sql: "SELECT receivedAt FROM webhookEvent WHERE source = ? AND origin = 'webhook' ORDER BY id DESC LIMIT 1",
                arguments: [source]
            )
        }
    }
}

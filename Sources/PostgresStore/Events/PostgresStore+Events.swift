package import Foundation
import InvoiceDomain
import Logging
import PostgresNIO
package import StoreSeams

extension PostgresStore: IngestStore, EventAdministration {
    /// Group commit: the batch is one transaction; each event runs in its own savepoint and reports its own result.
    /// The locks of every event (its `(source, event id)`) and invoice are taken first, in sorted order, so
    /// concurrent batches and relays serialise per invoice and never deadlock.
    package func ingest(_ events: [IncomingEvent]) async throws -> [Result<IngestResult, any Error>] {
        let logger = logger
        return try await writeBatch(events, locks: Self.locks(events)) { event, connection in
            try await Self.ingest(event, connection, logger: logger)
        }
    }

    static func locks(_ events: [IncomingEvent]) -> [String] {
        events.flatMap { event -> [String] in
            var keys = [LockKey.event(source: event.source, eventId: event.eventId)]
            if case .invoice(let invoiceEvent) = event.content { keys.append(LockKey.invoice(invoiceEvent.invoice.providerInvoiceId)) }
            return keys
        }
    }

    package func event(id: Int64) async throws -> StoredEvent? {
        try await read { connection in
            try await connection.query("SELECT * FROM webhook_event WHERE id = \(id)", logger: logger).rows().first.map(Self.stored)
        }
    }

    package func events(matching filter: EventFilter, limit: Int, before: Int64?) async throws -> [StoredEvent] {
        var query = SQLBuilder("SELECT * FROM webhook_event")
        if let source = filter.source { try query.filter("source = ?", source) }
        if let type = filter.type { try query.filter("type = ?", type) }
        if let status = filter.status { try query.filter("status = ?", status.rawValue) }
        if let origin = filter.origin { try query.filter("origin = ?", origin.rawValue) }
        if let invoiceId = filter.invoiceId { try query.filter("invoice_id = ?", invoiceId) }
        if filter.duplicatesOnly { query.filter("duplicate_count > 0") }
        if let before { try query.filter("id < ?", before) }
        let built = try query.query("ORDER BY id DESC LIMIT ?", limit: limit)
        return try await read { connection in try await connection.query(built, logger: logger).rows().map(Self.stored) }
    }

    package func reprocess(id: Int64, content: EventContent, at now: Date) async throws -> EventStatus? {
        let logger = logger
        return try await write { connection in
            var keys: [String] = []
            if case .invoice(let event) = content { keys.append(LockKey.invoice(event.invoice.providerInvoiceId)) }
            try await lock(keys, connection)
            guard let row = try await connection.query("SELECT status FROM webhook_event WHERE id = \(id) FOR UPDATE", logger: logger).rows().first
            else { return nil }
            let stored: String = try row.value("status")
            guard stored == EventStatus.quarantined.rawValue else {
                throw StoreError.conflict("event \(id) is \(stored), only quarantined events can be re-processed")
            }
            let (status, reason) = try await Self.apply(content, now: now, connection, logger: logger)
            let described = Self.describe(content)
            try await connection.query("""
                UPDATE webhook_event SET status = \(status.rawValue), reason = \(reason), processed_at = \(now), type = \(described.type),
                    invoice_id = \(described.invoiceId), event_created_at = \(described.createdAt), api_version = \(described.apiVersion)
                WHERE id = \(id)
                """, logger: logger)
            return status
        }
    }

    // MARK: - Transaction body

    /// Stores one event inside the caller's transaction (its locks already held): the state machine decides against
    /// the stored invoice, the event row is inserted unless its `(source, event_id)` is known (the unique key is the
    /// duplicate check), and only then is the invoice written.
    static func ingest(_ event: IncomingEvent, _ connection: PostgresConnection, logger: Logger) async throws -> IngestResult {
        let outcome = try await decide(event.content, connection, logger: logger)
        let described = describe(event.content)
        let inserted = try await connection.query("""
            INSERT INTO webhook_event (source, event_id, type, origin, status, reason, invoice_id, event_created_at, api_version,
                                       received_at, processed_at, duplicate_count, headers, body)
            VALUES (\(event.source), \(event.eventId), \(described.type), \(event.origin.rawValue), \(outcome.status.rawValue),
                    \(outcome.reason), \(described.invoiceId), \(described.createdAt), \(described.apiVersion), \(event.receivedAt),
                    \(event.receivedAt), 0, \(event.headersJSON), \(Data(event.body)))
            ON CONFLICT (source, event_id) DO NOTHING
            RETURNING id
            """, logger: logger).decode(Int64.self)
        var id: Int64?
        for try await value in inserted { id = value }
        guard let id else { return try await recordDuplicate(event, connection, logger: logger) }
        if let invoice = outcome.write {
            try await InvoiceRows.upsert(invoice, createdAt: event.receivedAt, updatedAt: event.receivedAt, connection, logger: logger)
        }
        return .stored(id: id, status: outcome.status, reason: outcome.reason)
    }

    /// Counts another delivery of a stored event; returns the stored event's id and status.
    private static func recordDuplicate(_ event: IncomingEvent, _ connection: PostgresConnection, logger: Logger) async throws -> IngestResult {
        let rows = try await connection.query("""
            UPDATE webhook_event SET duplicate_count = duplicate_count + 1, last_duplicate_at = \(event.receivedAt)
            WHERE source = \(event.source) AND event_id = \(event.eventId)
            RETURNING id, status
            """, logger: logger).rows()
        guard let row = rows.first else { throw StoreError.invalid("event \(event.eventId) conflicted but is not stored") }
        let status: String = try row.value("status")
        return .duplicate(id: try row.value("id"), status: EventStatus(rawValue: status) ?? .applied)
    }

    /// Runs the state machine against the stored invoice and writes the result.
    static func apply(_ content: EventContent, now: Date, _ connection: PostgresConnection, logger: Logger) async throws -> (EventStatus, String?) {
        let outcome = try await decide(content, connection, logger: logger)
        if let invoice = outcome.write {
            try await InvoiceRows.upsert(invoice, createdAt: now, updatedAt: now, connection, logger: logger)
        }
        return (outcome.status, outcome.reason)
    }

    /// What the state machine makes of `content` against the stored invoice. Reads only.
    private static func decide(
        _ content: EventContent, _ connection: PostgresConnection, logger: Logger
    ) async throws -> (status: EventStatus, reason: String?, write: Invoice?) {
        switch content {
        case .ignored:
            return (.ignored, nil, nil)
        case .invalid(_, _, let reason):
            return (.quarantined, reason, nil)
        case .invoice(let event):
            let stored = try await InvoiceRows.lastApplied(id: event.invoice.providerInvoiceId, connection, logger: logger)
            switch InvoiceStateMachine.decide(event, lastApplied: stored) {
            case .apply(let invoice): return (.applied, nil, invoice)
            case .skip(let reason): return (.superseded, reason, nil)
            case .reject(let reason): return (.quarantined, reason, nil)
            }
        }
    }

    /// The columns an event's content fills besides its status.
    static func describe(_ content: EventContent) -> (type: String?, invoiceId: String?, createdAt: Date?, apiVersion: String?) {
        switch content {
        case .invoice(let event):
            return (event.kind.rawValue, event.invoice.providerInvoiceId, event.createdAt, event.apiVersion)
        case .ignored(let type, let createdAt):
            return (type, nil, createdAt, nil)
        case .invalid(let type, let createdAt, _):
            return (type, nil, createdAt, nil)
        }
    }

    static func stored(_ row: PostgresRandomAccessRow) throws -> StoredEvent {
        StoredEvent(
            id: try row.value("id"), source: try row.value("source"), eventId: try row.value("event_id"), type: try row.value("type"),
            origin: try row.value("origin"), status: try row.value("status"), reason: try row.value("reason"),
            invoiceId: try row.value("invoice_id"), eventCreatedAt: try row.value("event_created_at"),
            apiVersion: try row.value("api_version"), receivedAt: try row.value("received_at"),
            processedAt: try row.value("processed_at"), duplicateCount: Int(try row.value("duplicate_count", as: Int64.self)),
            lastDuplicateAt: try row.value("last_duplicate_at"), headers: try row.value("headers"), body: try row.value("body")
        )
    }
}

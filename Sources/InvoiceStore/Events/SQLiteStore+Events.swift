import Foundation
import GRDB
import InvoiceDomain

extension SQLiteStore: EventStore {
    public func ingest(_ events: [IncomingEvent]) async throws -> [Result<IngestResult, any Error>] {
        try await writeBatch(events) { event, db in try Self.ingest(event, db) }
    }

    /// Writes `items` in one plain transaction; only when one fails is the batch written again with each item in
    /// its own savepoint, so the others still commit. A savepoint makes SQLite copy every page it first touches to
    /// a sub-journal, which more than doubled the cost of an event, so the isolation is paid for only by a batch
    /// that needs it.
    /// - Returns: one outcome per item, in order.
    /// - Throws: when even the isolated write's transaction fails (nothing is written).
    func writeBatch<Item: Sendable, Output: Sendable>(
        _ items: [Item], _ write: @escaping @Sendable (Item, Database) throws -> Output
    ) async throws -> [Result<Output, any Error>] {
        do {
            return try await writer.write { db in try items.map { .success(try write($0, db)) } }
        } catch where items.count > 1 {
            // Nothing of the batch was committed; find the failing items and commit the rest.
            return try await writer.write { db in
                items.map { item in Result { try Self.isolated(db) { try write(item, db) } } }
            }
        }
    }

    /// Runs `body` in a savepoint: when it throws, only its own changes are rolled back, and the error is rethrown.
    static func isolated<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "SAVEPOINT event").execute()
        do {
            let value = try body()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT event").execute()
            return value
        } catch {
            try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT event").execute()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT event").execute()
            throw error
        }
    }

    public func event(id: Int64) async throws -> StoredEvent? {
        try await writer.read { db in try EventRecord.fetchOne(db, key: id)?.stored }
    }

    public func events(matching filter: EventFilter, limit: Int, before: Int64?) async throws -> [StoredEvent] {
        try await writer.read { db in
            var request = EventRecord.all()
            if let source = filter.source { request = request.filter(EventRecord.Columns.source == source) }
            if let type = filter.type { request = request.filter(EventRecord.Columns.type == type) }
            if let status = filter.status { request = request.filter(EventRecord.Columns.status == status.rawValue) }
            if let origin = filter.origin { request = request.filter(EventRecord.Columns.origin == origin.rawValue) }
            if let invoiceId = filter.invoiceId { request = request.filter(EventRecord.Columns.invoiceId == invoiceId) }
            if filter.duplicatesOnly { request = request.filter(Column("duplicateCount") > 0) }
            if let before { request = request.filter(EventRecord.Columns.id < before) }
            return try request.order(EventRecord.Columns.id.desc).limit(limit).fetchAll(db).map(\.stored)
        }
    }

    public func reprocess(id: Int64, content: EventContent, at now: Date) async throws -> EventStatus? {
        try await writer.write { db in
            guard var row = try EventRecord.fetchOne(db, key: id) else { return nil }
            guard row.status == EventStatus.quarantined.rawValue else {
                throw StoreError.conflict("event \(id) is \(row.status), only quarantined events can be re-processed")
            }
            let (status, reason) = try Self.apply(content, now: now, db)
            row.status = status.rawValue
            row.reason = reason
            row.processedAt = now
            Self.describe(content, into: &row)
            try row.update(db)
            return status
        }
    }

    // MARK: - Transaction body

    /// The hot path of every webhook: cached statements with explicit arguments (no query building or
    /// record encoding per event), one duplicate probe on the `(source, eventId)` unique index.
    ///
    /// Probes fetch single values, not rows: GRDB builds a column-name dictionary for every row cursor,
    /// which cost more than the lookup itself.
    static func ingest(_ event: IncomingEvent, _ db: Database) throws -> IngestResult {
        let probe = try db.cachedStatement(sql: "SELECT id FROM webhookEvent WHERE source = ? AND eventId = ?")
        if let id = try Int64.fetchOne(probe, arguments: [event.source, event.eventId]) {
            let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM webhookEvent WHERE id = ?"), arguments: [id])
            try db.cachedStatement(sql: "UPDATE webhookEvent SET duplicateCount = duplicateCount + 1, lastDuplicateAt = ? WHERE id = ?")
                .execute(arguments: [event.receivedAt.stored, id])
            return .duplicate(id: id, status: status.flatMap(EventStatus.init(rawValue:)) ?? .applied)
        }
        let (status, reason) = try apply(event.content, now: event.receivedAt, db)
        var row = EventRecord(
            id: nil, source: event.source, eventId: event.eventId, type: nil, origin: event.origin.rawValue,
            status: status.rawValue, reason: reason, invoiceId: nil, eventCreatedAt: nil, apiVersion: nil,
            receivedAt: event.receivedAt, processedAt: event.receivedAt, duplicateCount: 0, lastDuplicateAt: nil,
            headers: encodeHeaders(event.headers), body: Data(event.body)
        )
        describe(event.content, into: &row)
        try db.cachedStatement(sql: """
            INSERT INTO webhookEvent (source, eventId, type, origin, status, reason, invoiceId, eventCreatedAt, apiVersion,
                                      receivedAt, processedAt, duplicateCount, headers, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """).execute(arguments: [
                row.source, row.eventId, row.type, row.origin, row.status, row.reason, row.invoiceId, row.eventCreatedAt.stored,
                row.apiVersion, row.receivedAt.stored, row.processedAt.stored, row.headers, row.body,
            ])
        return .stored(id: db.lastInsertedRowID, status: status, reason: reason)
    }

    /// Runs the state machine against the stored invoice and writes the result.
    static func apply(_ content: EventContent, now: Date, _ db: Database) throws -> (EventStatus, String?) {
        switch content {
        case .ignored:
            return (.ignored, nil)
        case .invalid(_, _, let reason):
            return (.quarantined, reason)
        case .invoice(let event):
            let lastApplied = try InvoiceRecord.lastApplied(id: event.invoice.providerInvoiceId, db)
            switch InvoiceStateMachine.decide(event, lastApplied: lastApplied) {
            case .apply(let invoice):
                // `createdAt` is written only when the row is new: the upsert keeps an existing row's.
                try InvoiceRecord(invoice, createdAt: now, updatedAt: now).upsert(db)
                return (.applied, nil)
            case .skip(let reason):
                return (.superseded, reason)
            case .reject(let reason):
                return (.quarantined, reason)
            }
        }
    }

    private static func describe(_ content: EventContent, into row: inout EventRecord) {
        switch content {
        case .invoice(let event):
            row.type = event.kind.rawValue
            row.invoiceId = event.invoice.providerInvoiceId
            row.eventCreatedAt = event.createdAt
            row.apiVersion = event.apiVersion
        case .ignored(let type, let createdAt):
            row.type = type
            row.eventCreatedAt = createdAt
        case .invalid(let type, let createdAt, _):
            row.type = type
            row.eventCreatedAt = createdAt
        }
    }

    /// A JSON object of the audit headers, keys sorted.
    static func encodeHeaders(_ headers: [String: String]) -> String {
        var json = "{"
        for (index, key) in headers.keys.sorted().enumerated() {
            if index > 0 { json += "," }
            JSONString.append(key, to: &json)
            json += ":"
            JSONString.append(headers[key] ?? "", to: &json)
        }
        return json + "}"
    }
}

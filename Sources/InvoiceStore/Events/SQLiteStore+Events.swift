package import Foundation
import GRDB
import InvoiceDomain
package import StoreSeams

extension SQLiteStore: IngestStore, EventAdministration {
    package func ingest(_ events: [IncomingEvent]) async throws -> [Result<IngestResult, any Error>] {
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

    package func event(id: Int64) async throws -> StoredEvent? {
        try await writer.read { db in try EventRecord.fetchOne(db, key: id)?.stored }
    }

    package func events(matching filter: EventFilter, limit: Int, before: Int64?) async throws -> [StoredEvent] {
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

    package func reprocess(id: Int64, content: EventContent, at now: Date) async throws -> EventStatus? {
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

    /// The hot path of every webhook, through ``RawStatement`` (no query building, record encoding or row
    /// dictionaries per event): the state machine decides against the stored invoice, the event row is inserted
    /// unless its `(source, eventId)` is already known (the unique index is the duplicate check), and only then
    /// is the invoice written.
    static func ingest(_ event: IncomingEvent, _ db: Database) throws -> IngestResult {
        let outcome = try decide(event.content, db)
        let described = describe(event.content)
        let insert = try RawStatement(db, sql: """
            INSERT INTO webhookEvent (source, eventId, type, origin, status, reason, invoiceId, eventCreatedAt, apiVersion,
                                      receivedAt, processedAt, duplicateCount, headers, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            ON CONFLICT (source, eventId) DO NOTHING
            """)
        insert.bind(1, event.source)
        insert.bind(2, event.eventId)
        insert.bind(3, described.type)
        insert.bind(4, event.origin.rawValue)
        insert.bind(5, outcome.status.rawValue)
        insert.bind(6, outcome.reason)
        insert.bind(7, described.invoiceId)
        insert.bind(8, described.createdAt)
        insert.bind(9, described.apiVersion)
        insert.bind(10, event.receivedAt)
        insert.bind(11, event.receivedAt)
        insert.bind(12, event.headersJSON)
        insert.bind(13, blob: event.body)
        try insert.execute()
        guard db.changesCount > 0 else { return try recordDuplicate(event, db) }
        let id = db.lastInsertedRowID
        // `createdAt` is written only when the row is new: the upsert keeps an existing row's.
        if let invoice = outcome.write { try InvoiceRecord.upsert(invoice, at: event.receivedAt, over: outcome.stored, db) }
        return .stored(id: id, status: outcome.status, reason: outcome.reason)
    }

    /// Counts another delivery of a stored event; returns the stored event's id and status.
    private static func recordDuplicate(_ event: IncomingEvent, _ db: Database) throws -> IngestResult {
        let probe = try RawStatement(db, sql: "SELECT id, status FROM webhookEvent WHERE source = ? AND eventId = ?")
        probe.bind(1, event.source)
        probe.bind(2, event.eventId)
        guard try probe.firstRow() else { throw StoreError.invalid("event \(event.eventId) conflicted but is not stored") }
        let id = probe.int64(0)
        let status = probe.string(1).flatMap(EventStatus.init(rawValue:)) ?? .applied
        probe.finish()
        let update = try RawStatement(db, sql: "UPDATE webhookEvent SET duplicateCount = duplicateCount + 1, lastDuplicateAt = ? WHERE id = ?")
        update.bind(1, event.receivedAt)
        update.bind(2, id)
        try update.execute()
        return .duplicate(id: id, status: status)
    }

    /// Runs the state machine against the stored invoice and writes the result.
    static func apply(_ content: EventContent, now: Date, _ db: Database) throws -> (EventStatus, String?) {
        let outcome = try decide(content, db)
        if let invoice = outcome.write { try InvoiceRecord.upsert(invoice, at: now, over: outcome.stored, db) }
        return (outcome.status, outcome.reason)
    }

    /// What the state machine makes of `content` against the stored invoice: the event's status, the invoice to
    /// write when it applies, and the stored row it was decided against. Reads only.
    private static func decide(
        _ content: EventContent, _ db: Database
    ) throws -> (status: EventStatus, reason: String?, write: Invoice?, stored: InvoiceRecord.StoredState?) {
        switch content {
        case .ignored:
            return (.ignored, nil, nil, nil)
        case .invalid(_, _, let reason):
            return (.quarantined, reason, nil, nil)
        case .invoice(let event):
            let stored = try InvoiceRecord.storedState(id: event.invoice.providerInvoiceId, db)
            switch InvoiceStateMachine.decide(event, lastApplied: stored?.lastApplied) {
            case .apply(let invoice): return (.applied, nil, invoice, stored)
            case .skip(let reason): return (.superseded, reason, nil, stored)
            case .reject(let reason): return (.quarantined, reason, nil, stored)
            }
        }
    }

    private static func describe(_ content: EventContent, into row: inout EventRecord) {
        let described = describe(content)
        row.type = described.type
        row.invoiceId = described.invoiceId
        row.eventCreatedAt = described.createdAt
        row.apiVersion = described.apiVersion
    }

    /// The columns an event's content fills besides its status.
    private static func describe(_ content: EventContent) -> (type: String?, invoiceId: String?, createdAt: Date?, apiVersion: String?) {
        switch content {
        case .invoice(let event):
            return (event.kind.rawValue, event.invoice.providerInvoiceId, event.createdAt, event.apiVersion)
        case .ignored(let type, let createdAt):
            return (type, nil, createdAt, nil)
        case .invalid(let type, let createdAt, _):
            return (type, nil, createdAt, nil)
        }
    }
}

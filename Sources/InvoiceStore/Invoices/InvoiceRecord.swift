import Foundation
import GRDB
import InvoiceDomain
import StoreSeams

/// Row of the `invoice` table.
struct InvoiceRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "invoice"

    var id: String
    var source: String
    var number: String?
    var customerId: String?
    var customerName: String?
    var customerEmail: String?
    var customerPhone: String?
    var customerLocale: String?
    var customerTimeZone: String?
    var currency: String
    var amountDue: Int64
    var amountPaid: Int64
    var amountRemaining: Int64
    var dueDate: Date?
    var status: String
    var providerStatus: String
    var hostedInvoiceURL: String?
    var attemptCount: Int
    var lastPaymentError: String?
    var lastEventAt: Date
    var lastEventId: String
    var createdAt: Date
    var updatedAt: Date
    var collectionMethod: String?
    var nextPaymentAttempt: Date?
    var billingReason: String?
    var reminderPolicy: String?
    var escalationEmail: String?
    var lastPaymentFailedAt: Date?
    var actionRequiredAt: Date?
    var remindersPausedUntil: Date?
    var pauseNote: String?
    /// JSON array of step names.
    var skippedSteps: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let status = Column(CodingKeys.status)
        static let dueDate = Column(CodingKeys.dueDate)
        static let customerId = Column(CodingKeys.customerId)
        static let amountRemaining = Column(CodingKeys.amountRemaining)
    }

    /// Writes `invoice` stamped `now` (the ingest hot path, bound through ``RawStatement``): an insert, or an update
    /// of every column but `createdAt`.
    ///
    /// - Parameter stored: the row as ``storedState(id:_:)`` read it in this transaction. When the indexed columns
    ///   (customer, status, due date) keep their values the update leaves them out: SQLite rewrites the index
    ///   entries of every column an update sets, changed or not.
    static func upsert(_ invoice: Invoice, at now: Date, over stored: StoredState?, _ db: Database) throws {
        let s = invoice.snapshot
        let keysKept = stored.map {
            $0.customerId == s.customerId && $0.status == invoice.status.rawValue && $0.dueDate == s.dueDate
        } ?? false
        // Numbered parameters: both statements take the same bindings; the update leaves ?4, ?14, ?15 and ?22 unread.
        // The times of the latest payment failure and action request are only ever set: an event of another kind
        // (which carries `nil`) keeps the stored ones. The operator's pause and skips are never written here.
        let statement = try RawStatement(db, sql: keysKept ? """
            UPDATE invoice SET source = ?2, number = ?3, customerName = ?5, customerEmail = ?6, customerPhone = ?7,
                customerLocale = ?8, customerTimeZone = ?9, currency = ?10, amountDue = ?11, amountPaid = ?12,
                amountRemaining = ?13, providerStatus = ?16, hostedInvoiceURL = ?17, attemptCount = ?18,
                lastPaymentError = ?19, lastEventAt = ?20, lastEventId = ?21, updatedAt = ?23,
                collectionMethod = ?24, nextPaymentAttempt = ?25, billingReason = ?26, reminderPolicy = ?27,
                escalationEmail = ?28, lastPaymentFailedAt = COALESCE(?29, lastPaymentFailedAt),
                actionRequiredAt = COALESCE(?30, actionRequiredAt)
            WHERE id = ?1
            """ : """
            INSERT INTO invoice (id, source, number, customerId, customerName, customerEmail, customerPhone, customerLocale,
                customerTimeZone, currency, amountDue, amountPaid, amountRemaining, dueDate, status, providerStatus,
                hostedInvoiceURL, attemptCount, lastPaymentError, lastEventAt, lastEventId, createdAt, updatedAt,
                collectionMethod, nextPaymentAttempt, billingReason, reminderPolicy, escalationEmail, lastPaymentFailedAt,
                actionRequiredAt)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
                ?24, ?25, ?26, ?27, ?28, ?29, ?30)
            ON CONFLICT(id) DO UPDATE SET source = excluded.source, number = excluded.number, customerId = excluded.customerId,
                customerName = excluded.customerName, customerEmail = excluded.customerEmail, customerPhone = excluded.customerPhone,
                customerLocale = excluded.customerLocale, customerTimeZone = excluded.customerTimeZone, currency = excluded.currency,
                amountDue = excluded.amountDue, amountPaid = excluded.amountPaid, amountRemaining = excluded.amountRemaining,
                dueDate = excluded.dueDate, status = excluded.status, providerStatus = excluded.providerStatus,
                hostedInvoiceURL = excluded.hostedInvoiceURL, attemptCount = excluded.attemptCount,
                lastPaymentError = excluded.lastPaymentError, lastEventAt = excluded.lastEventAt, lastEventId = excluded.lastEventId,
                updatedAt = excluded.updatedAt, collectionMethod = excluded.collectionMethod,
                nextPaymentAttempt = excluded.nextPaymentAttempt, billingReason = excluded.billingReason,
                reminderPolicy = excluded.reminderPolicy, escalationEmail = excluded.escalationEmail,
                lastPaymentFailedAt = COALESCE(excluded.lastPaymentFailedAt, invoice.lastPaymentFailedAt),
                actionRequiredAt = COALESCE(excluded.actionRequiredAt, invoice.actionRequiredAt)
            """)
        statement.bind(1, s.providerInvoiceId)
        statement.bind(2, invoice.source)
        statement.bind(3, s.number)
        statement.bind(4, s.customerId)
        statement.bind(5, s.customerName)
        statement.bind(6, s.customerEmail)
        statement.bind(7, s.customerPhone)
        statement.bind(8, s.customerLocale)
        statement.bind(9, s.customerTimeZone)
        statement.bind(10, s.currency)
        statement.bind(11, s.amountDue)
        statement.bind(12, s.amountPaid)
        statement.bind(13, s.amountRemaining)
        statement.bind(14, s.dueDate)
        statement.bind(15, invoice.status.rawValue)
        statement.bind(16, s.providerStatus)
        statement.bind(17, s.hostedInvoiceURL)
        statement.bind(18, s.attemptCount)
        statement.bind(19, s.lastPaymentError)
        statement.bind(20, invoice.lastEventAt)
        statement.bind(21, invoice.lastEventId)
        statement.bind(22, now)
        statement.bind(23, now)
        statement.bind(24, s.collectionMethod)
        statement.bind(25, s.nextPaymentAttempt)
        statement.bind(26, s.billingReason)
        statement.bind(27, s.reminderPolicy)
        statement.bind(28, s.escalationEmail)
        statement.bind(29, invoice.lastPaymentFailedAt)
        statement.bind(30, invoice.actionRequiredAt)
        try statement.execute()
    }

    /// What the ingest hot path needs of a stored invoice: the state machine's view, and the indexed columns as stored.
    struct StoredState {
        var lastApplied: InvoiceStateMachine.LastApplied
        var customerId: String?
        var status: String?
        var dueDate: Date?
    }

    /// The stored state of invoice `id` (the ingest hot path): eight columns through ``RawStatement``, not the whole
    /// row through `Decodable`.
    static func storedState(id: String, _ db: Database) throws -> StoredState? {
        let statement = try RawStatement(db, sql: """
            SELECT status, amountPaid, attemptCount, lastEventAt, lastEventId, customerId, dueDate FROM invoice WHERE id = ?
            """)
        statement.bind(1, id)
        guard try statement.firstRow() else { return nil }
        defer { statement.finish() }
        guard let eventAt = statement.date(3) else {
            throw StoreError.invalid("invoice \(id) has an unreadable lastEventAt")
        }
        let status = statement.string(0)
        let lastApplied = InvoiceStateMachine.LastApplied(
            status: status.flatMap(InvoiceStatus.init(rawValue:)) ?? .open, amountPaid: statement.int64(1),
            attemptCount: Int(statement.int64(2)), eventAt: eventAt, eventId: statement.string(4) ?? ""
        )
        // An unreadable stored due date reads as the distant past, which no due date equals: the update writes it.
        let dueDate = statement.isNull(6) ? nil : statement.date(6) ?? Date.distantPast
        return StoredState(lastApplied: lastApplied, customerId: statement.string(5), status: status, dueDate: dueDate)
    }

    /// The row of invoice `id`, through ``RawStatement`` with its columns listed and read by position
    /// (the delivery hot path reads it twice per reminder; `Decodable` cost more than the query).
    static func fetchOne(id: String, _ db: Database) throws -> InvoiceRecord? {
        let row = try RawStatement(db, sql: """
            SELECT id, source, number, customerId, customerName, customerEmail, customerPhone, customerLocale, customerTimeZone,
                currency, amountDue, amountPaid, amountRemaining, dueDate, status, providerStatus, hostedInvoiceURL,
                attemptCount, lastPaymentError, lastEventAt, lastEventId, createdAt, updatedAt, collectionMethod,
                nextPaymentAttempt, billingReason, reminderPolicy, escalationEmail, lastPaymentFailedAt, actionRequiredAt,
                remindersPausedUntil, pauseNote, skippedSteps
            FROM invoice WHERE id = ?
            """)
        row.bind(1, id)
        guard try row.firstRow() else { return nil }
        defer { row.finish() }
        func text(_ column: Int32) throws -> String {
            guard let text = row.string(column) else { throw StoreError.invalid("invoice \(id) has no value in column \(column)") }
            return text
        }
        func integer(_ column: Int32) throws -> Int64 {
            guard !row.isNull(column) else { throw StoreError.invalid("invoice \(id) has no value in column \(column)") }
            return row.int64(column)
        }
        func date(_ column: Int32) throws -> Date {
            guard let date = row.date(column) else {
                throw StoreError.invalid("invoice \(id) has an unreadable date in column \(column)")
            }
            return date
        }
        return try InvoiceRecord(
            id: text(0), source: text(1), number: row.string(2), customerId: row.string(3), customerName: row.string(4),
            customerEmail: row.string(5), customerPhone: row.string(6), customerLocale: row.string(7), customerTimeZone: row.string(8),
            currency: text(9), amountDue: integer(10), amountPaid: integer(11), amountRemaining: integer(12),
            dueDate: row.isNull(13) ? nil : date(13), status: text(14), providerStatus: text(15), hostedInvoiceURL: row.string(16),
            attemptCount: Int(integer(17)), lastPaymentError: row.string(18), lastEventAt: date(19), lastEventId: text(20),
            createdAt: date(21), updatedAt: date(22), collectionMethod: row.string(23),
            nextPaymentAttempt: row.isNull(24) ? nil : date(24), billingReason: row.string(25), reminderPolicy: row.string(26),
            escalationEmail: row.string(27), lastPaymentFailedAt: row.isNull(28) ? nil : date(28),
            actionRequiredAt: row.isNull(29) ? nil : date(29), remindersPausedUntil: row.isNull(30) ? nil : date(30),
            pauseNote: row.string(31), skippedSteps: row.string(32)
        )
    }

    var invoice: Invoice {
        Invoice(
            source: source,
            snapshot: InvoiceSnapshot(
                providerInvoiceId: id, number: number, customerId: customerId, customerName: customerName,
                customerEmail: customerEmail, customerPhone: customerPhone, customerLocale: customerLocale,
                customerTimeZone: customerTimeZone, currency: currency, amountDue: amountDue, amountPaid: amountPaid,
                amountRemaining: amountRemaining, dueDate: dueDate, providerStatus: providerStatus,
                hostedInvoiceURL: hostedInvoiceURL, attemptCount: attemptCount, lastPaymentError: lastPaymentError,
                collectionMethod: collectionMethod, nextPaymentAttempt: nextPaymentAttempt, billingReason: billingReason,
                reminderPolicy: reminderPolicy, escalationEmail: escalationEmail
            ),
            status: InvoiceStatus(rawValue: status) ?? .open,
            lastEventAt: lastEventAt,
            lastEventId: lastEventId,
            lastPaymentFailedAt: lastPaymentFailedAt,
            actionRequiredAt: actionRequiredAt,
            remindersPausedUntil: remindersPausedUntil,
            pauseNote: pauseNote,
            skippedSteps: Self.stepNames(skippedSteps)
        )
    }

    /// The step names of the `skippedSteps` column (a JSON array); an unreadable value reads as none.
    static func stepNames(_ json: String?) -> [String] {
        guard let json, let names = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else { return [] }
        return names
    }

    /// The `skippedSteps` column for `names`: `NULL` when empty.
    static func stepNamesColumn(_ names: [String]) -> String? {
        guard !names.isEmpty, let data = try? JSONEncoder().encode(names) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

extension InvoiceRecord {
    init(_ invoice: Invoice, createdAt: Date, updatedAt: Date) {
        let s = invoice.snapshot
        id = s.providerInvoiceId
        source = invoice.source
        number = s.number
        customerId = s.customerId
        customerName = s.customerName
        customerEmail = s.customerEmail
        customerPhone = s.customerPhone
        customerLocale = s.customerLocale
        customerTimeZone = s.customerTimeZone
        currency = s.currency
        amountDue = s.amountDue
        amountPaid = s.amountPaid
        amountRemaining = s.amountRemaining
        dueDate = s.dueDate
        status = invoice.status.rawValue
        providerStatus = s.providerStatus
        hostedInvoiceURL = s.hostedInvoiceURL
        attemptCount = s.attemptCount
        lastPaymentError = s.lastPaymentError
        lastEventAt = invoice.lastEventAt
        lastEventId = invoice.lastEventId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        collectionMethod = s.collectionMethod
        nextPaymentAttempt = s.nextPaymentAttempt
        billingReason = s.billingReason
        reminderPolicy = s.reminderPolicy
        escalationEmail = s.escalationEmail
        lastPaymentFailedAt = invoice.lastPaymentFailedAt
        actionRequiredAt = invoice.actionRequiredAt
        remindersPausedUntil = invoice.remindersPausedUntil
        pauseNote = invoice.pauseNote
        skippedSteps = Self.stepNamesColumn(invoice.skippedSteps)
    }
}

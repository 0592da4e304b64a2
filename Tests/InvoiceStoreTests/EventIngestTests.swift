import Foundation
import GRDB
import InvoiceDomain
import StoreSeams
import Testing

@testable import InvoiceStore

@Suite struct EventIngestTests {
    private let now = Date(timeIntervalSince1970: 1_764_000_100.25)

    private func event(_ id: String, invoice: String, headers: [String: String] = [:]) -> IncomingEvent {
        let snapshot = InvoiceSnapshot(
            providerInvoiceId: invoice, number: "INV-\(invoice)", customerId: "cus_1", customerName: "Ada Lovelace",
            customerEmail: "ada@example.com", customerPhone: "+447700900123", customerLocale: "en-GB",
            customerTimeZone: "Europe/London", currency: "GBP", amountDue: 12_500, amountPaid: 0, amountRemaining: 12_500,
            dueDate: Date(timeIntervalSince1970: 1_764_604_800), providerStatus: "open",
            hostedInvoiceURL: "https://invoice.stripe.com/i/\(invoice)", attemptCount: 1, lastPaymentError: "card declined"
        )
        let content = EventContent.invoice(InvoiceEvent(
            source: "stripe", eventId: id, kind: .finalized, createdAt: now.addingTimeInterval(-5), apiVersion: "2024-06-20",
            invoice: snapshot
        ))
        return IncomingEvent(
            source: "stripe", eventId: id, origin: .webhook, receivedAt: now, headers: headers, body: Array("{}".utf8), content: content
        )
    }

    @Test func aFailingEventIsRolledBackAloneAndTheRestOfTheBatchCommits() async throws {
        let database = try AppDatabase.inMemory()
        let store = SQLiteStore(database)
        try await database.writer.write { db in
            try db.execute(sql: """
                CREATE TEMP TRIGGER poison BEFORE INSERT ON webhookEvent WHEN NEW.eventId = 'evt_poison'
                BEGIN SELECT RAISE(ABORT, 'poisoned row'); END
                """)
        }

        let results = try await store.ingest([
            event("evt_a", invoice: "in_a"), event("evt_poison", invoice: "in_poison"), event("evt_b", invoice: "in_b"),
        ])

        #expect(results.count == 3)
        guard case .success(.stored(_, .applied, nil)) = results[0], case .success(.stored(_, .applied, nil)) = results[2] else {
            Issue.record("neighbours of the failing event were not stored: \(results)")
            return
        }
        #expect(throws: DatabaseError.self) { try results[1].get() }
        let (events, invoices) = try await database.writer.read { db in
            (try String.fetchAll(db, sql: "SELECT eventId FROM webhookEvent ORDER BY eventId"),
             try String.fetchAll(db, sql: "SELECT id FROM invoice ORDER BY id"))
        }
        #expect(events == ["evt_a", "evt_b"])
        // The failing event's invoice change went with it: the upsert ran before the insert that failed.
        #expect(invoices == ["in_a", "in_b"])

        // The failed event is not remembered as seen: the provider's retry is stored once it can be.
        try await database.writer.write { db in try db.execute(sql: "DROP TRIGGER poison") }
        let retry = try await store.ingest([event("evt_poison", invoice: "in_poison")])
        guard case .success(.stored(_, .applied, nil)) = retry[0] else {
            Issue.record("retry was not stored: \(retry)")
            return
        }
    }

    @Test func theHotPathReadsWhatTheStateMachineNeedsAsTheRecordHasIt() async throws {
        let database = try AppDatabase.inMemory()
        let store = SQLiteStore(database)
        _ = try await store.ingest([event("evt_a", invoice: "in_a")])
        let (lastApplied, record) = try await database.writer.read { db in
            (try InvoiceRecord.storedState(id: "in_a", db)?.lastApplied, try InvoiceRecord.fetchOne(db, key: "in_a"))
        }
        let invoice = try #require(record).invoice
        #expect(lastApplied == InvoiceStateMachine.LastApplied(invoice))
        #expect(lastApplied?.eventAt == now.addingTimeInterval(-5))
        #expect(lastApplied?.eventId == "evt_a")
        let missing = try await database.writer.read { db in try InvoiceRecord.storedState(id: "in_missing", db) }
        #expect(missing == nil)

        // A later event keeps the row's creation time: only the first insert writes it.
        let created = try #require(record).createdAt
        var later = event("evt_b", invoice: "in_a")
        later.receivedAt = now.addingTimeInterval(60)
        if case .invoice(var content) = later.content {
            content.createdAt = now.addingTimeInterval(30)
            later.content = .invoice(content)
        }
        let results = try await store.ingest([later])
        guard case .success(.stored(_, .applied, nil)) = results[0] else {
            Issue.record("later event not applied: \(results)")
            return
        }
        let updated = try #require(try await database.writer.read { db in try InvoiceRecord.fetchOne(db, key: "in_a") })
        #expect(updated.createdAt == created)
        #expect(updated.updatedAt == now.addingTimeInterval(60))
        #expect(updated.lastEventId == "evt_b")
    }

    /// An update leaves the indexed columns out when they keep their values; the indexes must still answer for
    /// every write, whichever statement made it.
    @Test func indexedColumnsStayFindableWhetherAnUpdateKeepsOrChangesThem() async throws {
        let database = try AppDatabase.inMemory()
        let store = SQLiteStore(database)
        func step(_ id: String, _ kind: InvoiceEventKind, at offset: TimeInterval, customer: String, due: TimeInterval, paid: Int64, attempts: Int = 1, status: String) -> IncomingEvent {
            var incoming = event(id, invoice: "in_keys")
            guard case .invoice(var content) = incoming.content else { return incoming }
            content.kind = kind
            content.createdAt = now.addingTimeInterval(offset)
            content.invoice.customerId = customer
            content.invoice.dueDate = Date(timeIntervalSince1970: due)
            content.invoice.amountPaid = paid
            content.invoice.attemptCount = attempts
            content.invoice.amountRemaining = content.invoice.amountDue - paid
            content.invoice.providerStatus = status
            incoming.content = .invoice(content)
            return incoming
        }
        func found() async throws -> (byCustomer: [String: String], byStatus: [String: String], attempts: Int?, integrity: String?) {
            try await database.writer.read { db in
                let customers = try Row.fetchAll(db, sql: "SELECT customerId, id FROM invoice INDEXED BY invoice_on_customerId WHERE customerId IS NOT NULL")
                let statuses = try Row.fetchAll(db, sql: "SELECT status, dueDate, id FROM invoice INDEXED BY invoice_status_due WHERE status IS NOT NULL")
                return (
                    Dictionary(uniqueKeysWithValues: customers.map { ($0[0] as String, $0[1] as String) }),
                    Dictionary(uniqueKeysWithValues: statuses.map { ("\($0[0] as String) \($0[1] as String)", $0[2] as String) }),
                    try Int.fetchOne(db, sql: "SELECT attemptCount FROM invoice WHERE id = 'in_keys'"),
                    try String.fetchOne(db, sql: "PRAGMA integrity_check")
                )
            }
        }

        _ = try await store.ingest([step("evt_1", .finalized, at: 1, customer: "cus_1", due: 1_764_604_800, paid: 0, status: "open")])
        // Same customer, status and due date: only other columns change.
        _ = try await store.ingest([step("evt_2", .paymentFailed, at: 2, customer: "cus_1", due: 1_764_604_800, paid: 0, attempts: 2, status: "open")])
        var state = try await found()
        #expect(state.byCustomer == ["cus_1": "in_keys"])
        #expect(state.byStatus == ["open 2025-12-01 16:00:00.000": "in_keys"])
        #expect(state.attempts == 2)
        #expect(state.integrity == "ok")

        // Another customer and due date (same status), then paid: each index follows.
        _ = try await store.ingest([step("evt_3", .updated, at: 3, customer: "cus_2", due: 1_764_691_200, paid: 0, attempts: 2, status: "open")])
        state = try await found()
        #expect(state.byCustomer == ["cus_2": "in_keys"])
        #expect(state.byStatus == ["open 2025-12-02 16:00:00.000": "in_keys"])
        _ = try await store.ingest([step("evt_4", .paid, at: 4, customer: "cus_2", due: 1_764_691_200, paid: 12_500, attempts: 3, status: "paid")])
        state = try await found()
        #expect(state.byStatus == ["paid 2025-12-02 16:00:00.000": "in_keys"])
        #expect(state.attempts == 3)
        #expect(state.integrity == "ok")
    }

    @Test(arguments: [
        [:],
        ["stripe-signature": "t=1,v1=abc", "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"],
        ["x-quote": #"say "hi" \ back"#, "x-controls": "a\nb\tc\r\u{01}\u{1F}", "x-unicode": "Grüße 👋"],
    ])
    func auditHeadersAreStoredAsAJSONObject(headers: [String: String]) throws {
        let json = IncomingEvent.encodeHeaders(headers)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded == headers)
        let keys = headers.keys.sorted()
        let positions = keys.compactMap { json.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions == positions.sorted(), "keys are written sorted")
    }
}

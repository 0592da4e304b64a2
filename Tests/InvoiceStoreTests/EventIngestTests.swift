import Foundation
import GRDB
import InvoiceDomain
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

    @Test func duplicatesAreCountedNotReapplied() async throws {
        let store = SQLiteStore(try AppDatabase.inMemory())
        let first = try await store.ingest([event("evt_a", invoice: "in_a"), event("evt_a", invoice: "in_a")])
        guard case .success(.stored(let id, .applied, nil)) = first[0] else {
            Issue.record("first copy not stored: \(first)")
            return
        }
        #expect(try first[1].get() == .duplicate(id: id, status: .applied))
        let stored = try #require(try await store.event(id: id))
        #expect(stored.duplicateCount == 1)
    }

    @Test func theHotPathReadsWhatTheStateMachineNeedsAsTheRecordHasIt() async throws {
        let database = try AppDatabase.inMemory()
        let store = SQLiteStore(database)
        _ = try await store.ingest([event("evt_a", invoice: "in_a")])
        let (lastApplied, record) = try await database.writer.read { db in
            (try InvoiceRecord.lastApplied(id: "in_a", db), try InvoiceRecord.fetchOne(db, key: "in_a"))
        }
        let invoice = try #require(record).invoice
        #expect(lastApplied == InvoiceStateMachine.LastApplied(invoice))
        #expect(lastApplied?.eventAt == now.addingTimeInterval(-5))
        #expect(lastApplied?.eventId == "evt_a")
        let missing = try await database.writer.read { db in try InvoiceRecord.lastApplied(id: "in_missing", db) }
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

    @Test(arguments: [
        [:],
        ["stripe-signature": "t=1,v1=abc", "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)"],
        ["x-quote": #"say "hi" \ back"#, "x-controls": "a\nb\tc\r\u{01}\u{1F}", "x-unicode": "Grüße 👋"],
    ])
    func auditHeadersAreStoredAsAJSONObject(headers: [String: String]) throws {
        let json = SQLiteStore.encodeHeaders(headers)
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        #expect(decoded == headers)
        let keys = headers.keys.sorted()
        let positions = keys.compactMap { json.range(of: "\"\($0)\"")?.lowerBound }
        #expect(positions == positions.sorted(), "keys are written sorted")
    }
}

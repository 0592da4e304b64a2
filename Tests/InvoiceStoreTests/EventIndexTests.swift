import Foundation
import GRDB
import InvoiceDomain
import StoreSeams
import Testing

@testable import InvoiceStore

/// The event table keeps few indexes (each costs every webhook a write); the reads that lost theirs still answer.
@Suite struct EventIndexTests {
    private let start = Date(timeIntervalSince1970: 1_764_000_000)

    private func event(_ id: String, source: String = "stripe", origin: EventOrigin = .webhook, at offset: TimeInterval, content: EventContent) -> IncomingEvent {
        IncomingEvent(
            source: source, eventId: id, origin: origin, receivedAt: start.addingTimeInterval(offset), headers: [:],
            body: Array("{}".utf8), content: content
        )
    }

    private func ignored(_ id: String, source: String = "stripe", origin: EventOrigin = .webhook, at offset: TimeInterval) -> IncomingEvent {
        event(id, source: source, origin: origin, at: offset, content: .ignored(type: "customer.created", createdAt: nil))
    }

    @Test func theNewestWebhookOfASourceIsFoundWithoutAnIndexOnArrival() async throws {
        let store = SQLiteStore(try AppDatabase.inMemory())
        #expect(try await store.lastWebhookReceivedAt(source: "stripe") == nil)

        _ = try await store.ingest([ignored("evt_1", at: 10), ignored("evt_2", at: 20)])
        // Later rows that must not count: another source's webhook, and this source's reconciled events.
        _ = try await store.ingest([
            ignored("evt_other", source: "paddle", at: 30),
            ignored("evt_polled_1", origin: .reconcile, at: 40),
            ignored("evt_polled_2", origin: .reconcile, at: 50),
        ])

        #expect(try await store.lastWebhookReceivedAt(source: "stripe") == start.addingTimeInterval(20))
        #expect(try await store.lastWebhookReceivedAt(source: "paddle") == start.addingTimeInterval(30))
        #expect(try await store.lastWebhookReceivedAt(source: "unknown") == nil)
    }

    @Test func quarantinedEventsAreListedThroughTheirPartialIndexAndOtherStatusesStillFilter() async throws {
        let database = try AppDatabase.inMemory()
        let store = SQLiteStore(database)
        var events: [IncomingEvent] = []
        for index in 0..<30 {
            events.append(index % 3 == 0
                ? event("evt_bad_\(index)", at: Double(index), content: .invalid(type: "invoice.paid", createdAt: nil, reason: "no id"))
                : ignored("evt_ok_\(index)", at: Double(index)))
        }
        _ = try await store.ingest(events)

        let quarantined = try await store.events(matching: EventFilter(status: .quarantined), limit: 100, before: nil)
        #expect(quarantined.map(\.eventId) == stride(from: 27, through: 0, by: -3).map { "evt_bad_\($0)" })
        let page = try await store.events(matching: EventFilter(status: .quarantined), limit: 4, before: quarantined[3].id)
        #expect(page.map(\.eventId) == ["evt_bad_15", "evt_bad_12", "evt_bad_9", "evt_bad_6"])
        let others = try await store.events(matching: EventFilter(status: .ignored), limit: 100, before: nil)
        #expect(others.count == 20)
        #expect(others.allSatisfy { $0.eventId.hasPrefix("evt_ok_") })

        let plan = try await database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM webhookEvent WHERE status = ? ORDER BY id DESC LIMIT 50", arguments: ["quarantined"])
                .map { $0["detail"] as String? ?? "" }
        }
        #expect(plan.contains { $0.contains("webhookEvent_quarantined") }, "plan: \(plan)")
    }

    @Test func theArrivalAndStatusIndexesAreGone() async throws {
        let database = try AppDatabase.inMemory()
        let names = try await database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'webhookEvent'")
        }
        #expect(Set(names) == ["sqlite_autoindex_webhookEvent_1", "webhookEvent_on_invoiceId", "webhookEvent_quarantined"])
    }

    @Test func auditHeadersFollowAChange() {
        var incoming = ignored("evt_h", at: 0)
        #expect(incoming.headersJSON == "{}")
        incoming.headers = ["stripe-signature": "t=1,v1=ab"]
        #expect(incoming.headersJSON == #"{"stripe-signature":"t=1,v1=ab"}"#)
    }
}

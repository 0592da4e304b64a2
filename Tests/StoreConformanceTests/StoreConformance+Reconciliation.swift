import Foundation
import InvoiceDomain
import StoreSeams
import Testing

// MARK: - ReconcileStore (and the drift InvoiceQueries reads)

extension StoreConformance {
    @Test(arguments: Backend.available)
    func theCursorRoundTrips(backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.cursor(source: "stripe") == nil)
            let cursor = ReconcileCursor(source: "stripe", lastCreated: 1_764_000_000, lastEventId: "evt_9", updatedAt: Fixture.now)
            try await store.saveCursor(cursor)
            #expect(try await store.cursor(source: "stripe") == cursor)

            let moved = ReconcileCursor(source: "stripe", lastCreated: 1_764_000_500, lastEventId: nil, updatedAt: Fixture.now.addingTimeInterval(9))
            try await store.saveCursor(moved)
            #expect(try await store.cursor(source: "stripe") == moved)
            #expect(try await store.cursor(source: "paddle") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func ingestingAPageMovesTheCursorWithIt(backend: Backend) async throws {
        try await backend.withStore { store in
            _ = try await store.ingest(Fixture.event("evt_1", invoice: "in_1"))
            let page = [
                Fixture.event("evt_1", invoice: "in_1", origin: .reconcile),
                Fixture.event("evt_2", invoice: "in_2", createdAt: Fixture.now.addingTimeInterval(5), origin: .reconcile),
            ]
            let cursor = ReconcileCursor(source: "stripe", lastCreated: 1_764_000_005, lastEventId: "evt_2", updatedAt: Fixture.now)

            let results = try await store.ingestPage(page, advancing: cursor)
            #expect(results.map(\.isDuplicate) == [true, false], "the page takes the webhook path: evt_1 was already stored")
            #expect(try await store.cursor(source: "stripe") == cursor)
            #expect(try await store.invoice(id: "in_2") != nil)

            let replayed = try await store.ingestPage(page, advancing: nil)
            #expect(replayed.map(\.isDuplicate) == [true, true])
            #expect(try await store.cursor(source: "stripe") == cursor, "no cursor given: it stays where it was")
        }
    }

    @Test(arguments: Backend.available)
    func correctingAnInvoiceRecordsDriftUnlessDryRun(backend: Backend) async throws {
        try await backend.withStore { store in
            _ = try await store.ingest(Fixture.event("evt_1", invoice: "in_1"))
            let theirs = Fixture.snapshot("in_1", providerStatus: "paid", amountPaid: 12_500)
            let observedAt = Fixture.now.addingTimeInterval(60)

            let dry = try await store.correctInvoice(source: "stripe", snapshot: theirs, observedAt: observedAt, dryRun: true)
            #expect(Set(dry.map(\.field)) == ["status", "amount_paid", "amount_remaining"])
            #expect(dry.allSatisfy { !$0.fixed })
            #expect(try await store.invoice(id: "in_1")?.status == .open)
            #expect(try await store.drifts(invoiceId: "in_1", limit: 10).isEmpty, "a dry run records nothing")

            let fixed = try await store.correctInvoice(source: "stripe", snapshot: theirs, observedAt: observedAt, dryRun: false)
            #expect(fixed.map(\.field) == dry.map(\.field))
            #expect(try await store.invoice(id: "in_1")?.status == .paid)
            #expect(try await store.drifts(invoiceId: "in_1", limit: 10).count == fixed.count)
            #expect(try await store.correctInvoice(source: "stripe", snapshot: theirs, observedAt: observedAt, dryRun: false).isEmpty, "we agree now")

            let created = try await store.correctInvoice(source: "stripe", snapshot: Fixture.snapshot("in_new"), observedAt: observedAt, dryRun: false)
            #expect(created.map(\.field) == ["invoice"])
            #expect(try await store.invoice(id: "in_new") != nil)
            #expect(try await store.drifts(invoiceId: nil, limit: 1).map(\.invoiceId) == ["in_new"], "newest first")
        }
    }

    @Test(arguments: Backend.available)
    func theLastWebhookIsTheNewestWebhookOriginEventOfItsSource(backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.lastWebhookReceivedAt(source: "stripe") == nil)
            _ = try await store.ingest(Fixture.event("evt_1", invoice: "in_1", createdAt: Fixture.now))
            _ = try await store.ingest(Fixture.event("evt_2", invoice: "in_2", createdAt: Fixture.now.addingTimeInterval(20)))
            _ = try await store.ingestPage([Fixture.event("evt_3", invoice: "in_3", createdAt: Fixture.now.addingTimeInterval(40), origin: .reconcile)], advancing: nil)

            #expect(try await store.lastWebhookReceivedAt(source: "stripe") == Fixture.now.addingTimeInterval(21))
            #expect(try await store.lastWebhookReceivedAt(source: "paddle") == nil)
        }
    }
}

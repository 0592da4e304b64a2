import FakeProviders
import Foundation
import InvoiceStore
import Reconciliation
import WebhookIngest
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["SCRATCH"] != nil))
func scratchProfile() async throws {
    try await ReconcileHarness.run(onDisk: true) { h in
        let bodies = (0..<2000).map { n in h.fake.makeInvoiceEvent(id: "evt_s\(n)", type: "invoice.finalized", created: 1_764_000_000 + Int64(n), invoice: ReconcileFixtures.invoice("in_s\(n)")) }
        let clock = ContinuousClock()
        var t = clock.now
        let decoded = bodies.map { WebhookIngestor.interpret(body: $0, source: "stripe", deliveryId: nil) }
        print("interpret 2000:", clock.now - t)
        let events = zip(bodies, decoded).map { IncomingEvent(source: "stripe", eventId: $1.eventId, origin: .reconcile, receivedAt: Date(), headers: [:], body: $0, content: $1.content) }
        let store = SQLiteStore(try AppDatabase.open(path: h.databasePath!, synchronous: .full))
        t = clock.now
        for chunk in stride(from: 0, to: 2000, by: 100) {
            _ = try await store.ingestPage(Array(events[chunk..<chunk+100]), advancing: nil)
        }
        print("ingest 2000:", clock.now - t)
    }
}

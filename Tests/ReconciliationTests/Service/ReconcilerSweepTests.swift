import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Reconciliation
import Testing

@Suite("Reconciler: invoice sweep when events are out of reach")
struct ReconcilerSweepTests {
    /// Local: in_sweep01 open (its paid webhook was lost long ago), in_sweep03 open and right.
    /// Stripe: in_sweep01 paid, in_sweep02 open (never seen here), in_sweep03 open.
    private func prepare(_ h: ReconcileHarness) async throws {
        let base = ReconcileHarness.base
        for id in ["in_sweep01", "in_sweep03"] {
            try await h.deliverWebhook(h.fake.makeInvoiceEvent(
                id: "evt_fin_\(id)", type: "invoice.finalized", created: base - 100, invoice: ReconcileFixtures.invoice(id, created: base - 200)
            ))
        }
        h.fake.upsertInvoice(ReconcileFixtures.invoice("in_sweep01", status: "paid", created: base - 200))
        h.fake.upsertInvoice(ReconcileFixtures.invoice("in_sweep02", created: base - 150))
        h.fake.upsertInvoice(ReconcileFixtures.invoice("in_sweep03", created: base - 200))
    }

    @Test("a first run sweeps invoices, corrects the one that disagrees, records the drift and sets the cursor")
    func firstRunSweepCorrectsDrift() async throws {
        try await ReconcileHarness.run { h in
            try await prepare(h)
            let startedAt = h.clock.now()

            let report = try await h.reconciler().runOnce()

            #expect(report.mode == .sweep)
            #expect(report.invoicesSwept == 3)
            #expect(report.driftCorrections == 2)
            let paid = try #require(try await h.store.invoice(id: "in_sweep01"))
            #expect(paid.status == .paid)
            #expect(!paid.isRemindable)
            #expect(try await h.store.invoice(id: "in_sweep02")?.status == .open)

            let drift = try await h.store.drifts(invoiceId: "in_sweep01", limit: 20)
            let status = try #require(drift.first { $0.field == "status" })
            #expect(status.ours == "open")
            #expect(status.theirs == "paid")
            #expect(status.fixed)
            #expect(Set(drift.map(\.field)).isSuperset(of: ["status", "amount_paid", "amount_remaining"]))
            #expect(try await h.store.drifts(invoiceId: "in_sweep03", limit: 20).isEmpty)
            #expect(h.metrics.counter("invoice_relay_reconciliation_drift_corrections_total") == 2)

            let cursor = try #require(try await h.store.cursor(source: ReconcileHarness.source))
            #expect(cursor.lastCreated == Int64(startedAt.timeIntervalSince1970) - 300)
            let statuses = h.fake.requests().compactMap { $0.query }.filter { $0.contains("status=") }
            #expect(statuses.count == 4)

            // The next run reads events from the new cursor instead.
            #expect(try await h.reconciler().runOnce().mode == .events)
        }
    }

    @Test("a dry-run sweep reports the drift without writing anything")
    func dryRunSweepWritesNothing() async throws {
        try await ReconcileHarness.run { h in
            try await prepare(h)

            let report = try await h.reconciler().runOnce(dryRun: true)

            #expect(report.mode == .sweep)
            #expect(report.dryRun)
            #expect(report.driftCorrections == 2)
            let status = try #require(report.drift.first { $0.invoiceId == "in_sweep01" && $0.field == "status" })
            #expect(status.ours == "open" && status.theirs == "paid" && !status.fixed)
            #expect(try await h.store.invoice(id: "in_sweep01")?.status == .open)
            #expect(try await h.store.invoice(id: "in_sweep02") == nil)
            #expect(try await h.store.drifts(invoiceId: nil, limit: 20).isEmpty)
            #expect(try await h.store.cursor(source: ReconcileHarness.source) == nil)
            #expect(h.metrics.counter("invoice_relay_reconciliation_drift_corrections_total") == 0)
        }
    }

    @Test("a cursor older than the event retention falls back to a sweep")
    func staleCursorSweeps() async throws {
        try await ReconcileHarness.run { h in
            try await prepare(h)
            try await h.seedCursor(at: ReconcileHarness.base - 31 * 86_400)

            let report = try await h.reconciler().runOnce()

            #expect(report.mode == .sweep)
            #expect(try await h.store.invoice(id: "in_sweep01")?.status == .paid)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastCreated == ReconcileHarness.base + 3600 - 300)
        }
    }
}

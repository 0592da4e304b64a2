import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Reconciliation
import StoreSeams
import Testing

@Suite("Reconciler: missed webhooks are recovered, known ones change nothing")
struct ReconcilerRecoveryTests {
    @Test("a webhook dropped during an outage is caught by the next poll: the invoice ends paid and is not remindable")
    func droppedWebhookIsCaught() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            let finalized = h.fake.addInvoiceEvent(
                id: "evt_drop_fin", type: "invoice.finalized", created: base, invoice: ReconcileFixtures.invoice("in_drop0001")
            )
            try await h.deliverWebhook(finalized.json)
            // The payment's webhook never arrives (listener down); only Stripe knows.
            h.fake.addInvoiceEvent(
                id: "evt_drop_paid", type: "invoice.paid", created: base + 600, invoice: ReconcileFixtures.invoice("in_drop0001", status: "paid")
            )
            try await h.seedCursor(at: base, eventId: "evt_drop_fin")
            let before = try #require(try await h.store.invoice(id: "in_drop0001"))
            #expect(before.isRemindable)

            let report = try await h.reconciler().runOnce()

            #expect(report.mode == .events)
            #expect(report.eventsSeen == 2)
            #expect(report.applied == 1)
            #expect(report.alreadyKnown == 1)
            let invoice = try #require(try await h.store.invoice(id: "in_drop0001"))
            #expect(invoice.status == .paid)
            #expect(invoice.lastEventId == "evt_drop_paid")
            #expect(!invoice.isRemindable)
            let remindable = try await h.store.remindableInvoices(dueBefore: .distantFuture, limit: 100, after: nil)
            #expect(remindable.isEmpty)

            let caught = try await h.store.events(matching: EventFilter(origin: .reconcile), limit: 10, before: nil)
            #expect(caught.map(\.eventId) == ["evt_drop_paid"])
            #expect(caught.first?.status == EventStatus.applied.rawValue)
            #expect(caught.first?.headers.contains("x-reconcile") == true)
            #expect(h.metrics.counter("invoice_relay_reconciliation_events_recovered_total") == 1)
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "success")]) == 1)
            #expect(report.cursor?.lastCreated == base + 600)
            #expect(report.cursor?.lastEventId == "evt_drop_paid")
        }
    }

    enum Arrival: String, CaseIterable, Sendable {
        case webhookFirst, pollFirst, concurrently
    }

    @Test("the same event by webhook and by poll is applied exactly once", arguments: Arrival.allCases)
    func webhookAndPollApplyOnce(arrival: Arrival) async throws {
        try await ReconcileHarness.run { h in
            let event = h.fake.addInvoiceEvent(
                id: "evt_race0001", type: "invoice.paid", created: ReconcileHarness.base,
                invoice: ReconcileFixtures.invoice("in_race0001", status: "paid")
            )
            try await h.seedCursor(at: ReconcileHarness.base - 100)
            let reconciler = h.reconciler()

            let webhook: IngestResult
            let report: ReconcileReport
            switch arrival {
            case .webhookFirst:
                webhook = try await h.deliverWebhook(event.json)
                report = try await reconciler.runOnce()
            case .pollFirst:
                report = try await reconciler.runOnce()
                webhook = try await h.deliverWebhook(event.json)
            case .concurrently:
                async let delivered = h.deliverWebhook(event.json)
                async let polled = reconciler.runOnce()
                (webhook, report) = try await (delivered, polled)
            }

            let webhookApplied: Bool
            if case .stored(_, .applied, _) = webhook { webhookApplied = true } else { webhookApplied = false }
            // Exactly one of the two paths applied it; the other saw a duplicate.
            #expect((webhookApplied ? 1 : 0) + report.applied == 1)
            #expect(report.alreadyKnown == (webhookApplied ? 1 : 0))
            if arrival == .webhookFirst { #expect(webhookApplied) }
            if arrival == .pollFirst { #expect(!webhookApplied) }

            let stored = try await h.storedEvents().filter { $0.eventId == "evt_race0001" }
            #expect(stored.count == 1)
            #expect(stored.first?.status == EventStatus.applied.rawValue)
            #expect(stored.first?.duplicateCount == 1)
            #expect(stored.first?.origin == (webhookApplied ? "webhook" : "reconcile"))
            #expect(try await h.store.invoice(id: "in_race0001")?.status == .paid)
        }
    }

    @Test("an event of another API version than pinned is counted as version drift and still applied")
    func apiVersionDriftIsCounted() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            for n in 0..<2 {
                try h.fake.addEvent(json: FakeStripe.invoiceEventJSON(
                    id: "evt_old_version\(n)", type: "invoice.finalized", created: base + Int64(n),
                    invoice: ReconcileFixtures.invoice("in_oldver\(n)"), apiVersion: "2020-08-27"
                ))
            }
            h.fake.addInvoiceEvent(id: "evt_pinned01", type: "invoice.finalized", created: base + 5, invoice: ReconcileFixtures.invoice("in_pinned1"))
            try await h.seedCursor(at: base - 1)

            let report = try await h.reconciler().runOnce()

            #expect(report.applied == 3)
            #expect(report.apiVersionDrift == 2)
            #expect(h.metrics.counter("invoice_relay_reconciliation_api_version_drift_total") == 2)
            let stored = try await h.storedEvents()
            #expect(stored.filter { $0.apiVersion == "2020-08-27" }.count == 2)
            #expect(try await h.store.invoice(id: "in_oldver1")?.status == .open)

            // Seen again in the overlap: already known, not counted twice.
            let again = try await h.reconciler().runOnce()
            #expect(again.alreadyKnown == 3)
            #expect(again.apiVersionDrift == 0)
            #expect(h.metrics.counter("invoice_relay_reconciliation_api_version_drift_total") == 2)
        }
    }

    @Test("a dry run over events reports what would apply and the drift it would fix, writing nothing")
    func dryRunOverEvents() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            let finalized = h.fake.addInvoiceEvent(id: "evt_dry_fin", type: "invoice.finalized", created: base, invoice: ReconcileFixtures.invoice("in_dry0001"))
            try await h.deliverWebhook(finalized.json)
            h.fake.addInvoiceEvent(id: "evt_dry_paid", type: "invoice.paid", created: base + 60, invoice: ReconcileFixtures.invoice("in_dry0001", status: "paid"))
            try await h.seedCursor(at: base)

            let report = try await h.reconciler().runOnce(dryRun: true)

            #expect(report.dryRun)
            #expect(report.applied == 1)
            #expect(report.alreadyKnown == 1)
            #expect(report.driftCorrections == 1)
            let status = try #require(report.drift.first { $0.field == "status" })
            #expect(status.ours == "open" && status.theirs == "paid" && !status.fixed)
            #expect(try await h.store.invoice(id: "in_dry0001")?.status == .open)
            #expect(try await h.store.events(matching: EventFilter(origin: .reconcile), limit: 10, before: nil).isEmpty)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastCreated == base)
            #expect(!report.cursorMoved)
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "dry_run")]) == 1)
        }
    }
}

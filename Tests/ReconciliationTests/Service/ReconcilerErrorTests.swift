import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Reconciliation
import StoreSeams
import Testing

@Suite("Reconciler: provider errors")
struct ReconcilerErrorTests {
    @Test("503 then recovery: the same page is retried after backoff and the run completes")
    func serverErrorThenRecovery() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 5)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            h.fake.setFaults(.failThenSucceed(count: 2, status: 503))

            let report = try await h.reconciler().runOnce()

            #expect(report.applied == 5)
            let queries = h.fake.requests().map { $0.query ?? "" }
            #expect(queries.count == 3)
            #expect(Set(queries).count == 1, "the same page each time")
            let sleeps = h.sleeps.requested
            #expect(sleeps.count == 2)
            #expect(sleeps[0] <= .seconds(1) && sleeps[1] <= .seconds(2), "full jitter under 1 s, then 2 s ceilings")
        }
    }

    @Test("503 beyond the retry budget ends the run with an error and the cursor where it was")
    func retriesExhausted() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 5)
            try await h.seedCursor(at: ReconcileHarness.base - 1, eventId: "evt_before")
            h.fake.setFaults(.status(500))

            let error = await #expect(throws: ReconcileError.self) { try await h.reconciler().runOnce() }

            guard case .providerUnavailable(let cause, let attempts)? = error?.kind else {
                Issue.record("expected providerUnavailable, got \(String(describing: error))")
                return
            }
            #expect(cause.kind == .server(status: 500))
            #expect(attempts == 4)
            #expect(h.fake.requests().count == 4)
            #expect(h.sleeps.requested.count == 3)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastEventId == "evt_before")
            #expect(try await h.storedEvents().isEmpty)
            // A stuck reconciler keeps exporting a growing lag, so the lag alert can fire.
            let lag = try #require(h.metrics.gauge("invoice_relay_reconciliation_lag_seconds"))
            #expect(lag >= 3601)
        }
    }

    @Test("429 waits exactly the Retry-After the provider asked for, then retries the page")
    func rateLimitedHonoursRetryAfter() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 3)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            h.fake.setFaults(.rateLimited(count: 1, retryAfter: "7"))

            let report = try await h.reconciler().runOnce()

            #expect(report.applied == 3)
            #expect(h.sleeps.requested == [.seconds(7)])
            #expect(h.fake.requests().count == 2)
        }
    }

    @Test("401 stops the run at once, flags credentials, counts the failure and never logs the key")
    func unauthorizedStopsAndAlerts() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 3)
            try await h.seedCursor(at: ReconcileHarness.base - 1, eventId: "evt_before")
            h.fake.rotateSecretKey(to: "sk_test_51QxRotatedOnStripeSideOnly0000000")
            let reconciler = h.reconciler()

            let error = await #expect(throws: ReconcileError.self) { try await reconciler.runOnce() }

            #expect(error == .unauthorized)
            #expect(reconciler.credentialsRejected)
            #expect(h.fake.requests().count == 1, "no retry on 401")
            #expect(h.sleeps.requested.isEmpty)
            #expect(h.metrics.counter("invoice_relay_provider_credential_failures_total", [("provider", "stripe")]) == 1)
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "unauthorized")]) == 1)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastEventId == "evt_before")
            let lines = h.logs.all
            #expect(lines.contains { $0.level == .critical && $0.text.contains("401") })
            #expect(!lines.contains { $0.text.contains(ReconcileHarness.secretKey) })
            #expect(!(error?.description.contains(ReconcileHarness.secretKey) ?? true))

            // The key is fixed on Stripe's side: the next run succeeds and clears the flag.
            h.fake.rotateSecretKey(to: ReconcileHarness.secretKey)
            let report = try await reconciler.runOnce()
            #expect(report.applied == 3)
            #expect(!reconciler.credentialsRejected)
        }
    }

    @Test("undecodable events are quarantined under their id and the rest of the run goes on")
    func undecodableEventsAreQuarantined() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            ReconcileFixtures.addEvents(h.fake, count: 3)
            // Not even an event header: `created` is a string.
            h.fake.addEvent(FakeStripeEvent(
                id: "evt_broken01", type: "invoice.paid", created: base + 10,
                json: Array(#"{"id":"evt_broken01","object":"event","type":"invoice.paid","created":"yesterday"}"#.utf8)
            ))
            // A readable event whose invoice lacks required fields.
            try h.fake.addEvent(json: Array(
                #"{"id":"evt_invalid01","object":"event","api_version":"\#(FakeStripe.defaultAPIVersion)","created":\#(base + 11),"type":"invoice.paid","data":{"object":{"id":"in_invalid01","object":"invoice"}}}"#.utf8
            ))
            h.fake.addInvoiceEvent(id: "evt_after01", type: "invoice.finalized", created: base + 12, invoice: ReconcileFixtures.invoice("in_after01"))
            try await h.seedCursor(at: base - 1)

            let report = try await h.reconciler().runOnce()

            #expect(report.eventsSeen == 6)
            #expect(report.applied == 4)
            #expect(report.quarantined == 2)
            #expect(report.cursor?.lastEventId == "evt_after01")
            let quarantined = try await h.store.events(matching: EventFilter(status: .quarantined), limit: 10, before: nil)
            #expect(Set(quarantined.map(\.eventId)) == ["evt_broken01", "evt_invalid01"])
            let broken = try #require(quarantined.first { $0.eventId == "evt_broken01" })
            #expect(broken.reason?.contains("undecodable list item") == true)
            #expect(broken.origin == "reconcile")
            #expect(h.logs.all.contains { $0.level == .warning && $0.text.contains("evt_broken01") })
            #expect(try await h.store.invoice(id: "in_after01")?.status == .open)
        }
    }
}

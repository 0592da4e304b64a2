import Foundation
import InvoiceDomain
import InvoiceStore
@testable import RelayServer
import StoreSeams
import Testing

/// Webhook event listing, raw bodies and re-processing of quarantined events.
@Suite struct AdminEventTests {
    @Test func quarantinedEventStaysQuarantinedUntilItsCauseIsFixed() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            // A bad currency arrives through the real endpoint and is quarantined.
            try await AdminFixture.openInvoice(relay, id: "in_bad", eventId: "evt_bad_currency", currency: "xyz")
            let listed = try await relay.admin(.GET, "/v1/events?status=quarantined", token: token)
            let row = try #require(listed.data.first)
            #expect(listed.data.count == 1)
            let id = try #require(row["id"] as? Int)

            let detail = try await relay.admin(.GET, "/v1/events/\(id)", token: token)
            #expect(detail.status == 200)
            let text = try #require(detail.json["body_text"] as? String)
            #expect(text.contains("\"evt_bad_currency\""))
            let base64 = try #require(detail.json["body_base64"] as? String)
            #expect(Data(base64Encoded: base64) == Data(text.utf8))
            #expect((detail.json["headers"] as? [String: String])?.isEmpty == false)

            // Nothing about the cause changed: re-processing keeps it quarantined, and says so.
            let again = try await relay.admin(.POST, "/v1/events/\(id)/reprocess", token: token)
            #expect(again.status == 200)
            #expect((again.json["event"] as? [String: Any])?["status"] as? String == "quarantined")
            #expect(again.json["previous_status"] as? String == "quarantined")
            #expect(try await relay.relay.store.invoice(id: "in_bad") == nil)
        }
    }

    @Test func quarantinedEventWithAFixedCauseIsAppliedOnReprocess() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            // Stored as quarantined by an older decoder (e.g. before a config fix), with a body that decodes today.
            let body = StripeEvents.invoice(eventId: "evt_fixed", type: "invoice.finalized", created: 1_764_000_000, invoiceId: "in_fixed", status: "open")
            let results = try await relay.relay.store.ingest([IncomingEvent(
                source: "stripe", eventId: "evt_fixed", origin: .webhook, receivedAt: AdminFixture.now, headers: ["stripe-signature": "t=1,v1=x"],
                body: body, content: .invalid(type: "invoice.finalized", createdAt: nil, reason: "unsupported api version")
            )])
            guard case .stored(_, .quarantined, _) = try results.first?.get() else {
                Issue.record("expected a quarantined event, got \(results)")
                return
            }
            let row = try #require(try await relay.admin(.GET, "/v1/events?status=quarantined&source=stripe", token: token).data.first)
            let id = try #require(row["id"] as? Int)
            #expect(row["reason"] as? String == "unsupported api version")

            let reprocessed = try await relay.admin(.POST, "/v1/events/\(id)/reprocess", token: token, json: "{}")
            #expect(reprocessed.status == 200)
            #expect((reprocessed.json["event"] as? [String: Any])?["status"] as? String == "applied")
            let invoice = try #require(try await relay.relay.store.invoice(id: "in_fixed"))
            #expect(invoice.status == .open)
            #expect(invoice.lastEventId == "evt_fixed")

            // Only quarantined events can be re-processed.
            let twice = try await relay.admin(.POST, "/v1/events/\(id)/reprocess", token: token)
            #expect(twice.status == 409)
            #expect(twice.errorCode == "not_quarantined")
            #expect(try await relay.admin(.POST, "/v1/events/777/reprocess", token: token).status == 404)
            #expect(try await relay.admin(.POST, "/v1/events/\(id)/reprocess", token: token, json: #"{"force":true}"#).errorCode == "unknown_field")

            let audit = try #require(try await relay.admin(.GET, "/v1/audit?action=event.reprocess", token: token).data.first)
            #expect(audit["target"] as? String == "event:\(id)")
            #expect(audit["actor"] as? String == "ops-admin")
        }
    }

    @Test func listFiltersByStatusOriginAndDuplicates() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.readToken(relay, clock: clock)
            try await AdminFixture.openInvoice(relay, eventId: "evt_1")
            try await AdminFixture.openInvoice(relay, eventId: "evt_1")
            try await AdminFixture.openInvoice(relay, id: "in_2", eventId: "evt_2")
            let ignored = Array(#"{"id":"evt_cust","object":"event","type":"customer.created","created":1764000000,"data":{"object":{"id":"cus_1"}}}"#.utf8)
            #expect(try await relay.postStripe(ignored, timestamp: Int64(AdminFixture.now.timeIntervalSince1970)).status == 200)

            #expect(try await relay.admin(.GET, "/v1/events", token: token).data.count == 3)
            #expect(try await relay.admin(.GET, "/v1/events?status=applied", token: token).data.count == 2)
            #expect(try await relay.admin(.GET, "/v1/events?status=ignored", token: token).data.first?["type"] as? String == "customer.created")
            #expect(try await relay.admin(.GET, "/v1/events?status=duplicate", token: token).data.compactMap { $0["event_id"] as? String } == ["evt_1"])
            #expect(try await relay.admin(.GET, "/v1/events?duplicate=true", token: token).data.count == 1)
            #expect(try await relay.admin(.GET, "/v1/events?origin=reconcile", token: token).data.isEmpty)
            #expect(try await relay.admin(.GET, "/v1/events?type=invoice.finalized&invoice_id=in_2", token: token).data.count == 1)
            let page = try await relay.admin(.GET, "/v1/events?limit=2", token: token)
            #expect(page.data.count == 2)
            #expect(page.data.first?["body_base64"] == nil)
            let next = try #require(page.json["next_cursor"] as? String)
            #expect(try await relay.admin(.GET, "/v1/events?limit=2&cursor=\(next)", token: token).data.count == 1)
            for bad in ["status=done", "origin=email", "duplicate=yes", "limit=-1", "bogus=1"] {
                #expect(try await relay.admin(.GET, "/v1/events?\(bad)", token: token).status == 400, "\(bad)")
            }
            #expect(try await relay.admin(.GET, "/v1/events/0", token: token).status == 400)
            #expect(try await relay.admin(.GET, "/v1/events/12345", token: token).errorCode == "event_not_found")
        }
    }
}

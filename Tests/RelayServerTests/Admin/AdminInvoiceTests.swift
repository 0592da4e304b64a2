import Foundation
import InvoiceDomain
import InvoiceStore
@testable import RelayServer
import Testing

/// Invoice listing and the per-invoice timeline.
@Suite struct AdminInvoiceTests {
    @Test func invoiceTimelineShowsEventsDeliveriesAttemptsAndDrift() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.readToken(relay, clock: clock)
            try await AdminFixture.openInvoice(relay)
            try await AdminFixture.openInvoice(relay, id: "in_later", eventId: "evt_later", dueDate: 1_800_000_000)
            try await AdminFixture.deliveries(relay.relay.store, [("in_test_1", "overdue-3d", .email, .failed(error: "mailbox unavailable"))])
            let snapshot = InvoiceSnapshot(
                providerInvoiceId: "in_test_1", number: "INV-0001", customerId: "cus_test_1", customerName: "Jane Doe",
                customerEmail: "jane@example.com", customerPhone: "+14155550123", currency: "USD", amountDue: 12500, amountPaid: 12500,
                amountRemaining: 0, dueDate: Date(timeIntervalSince1970: 1_764_600_000), providerStatus: "paid",
                hostedInvoiceURL: "https://invoice.stripe.com/i/in_test_1"
            )
            _ = try await relay.relay.store.correctInvoice(source: "stripe", snapshot: snapshot, observedAt: AdminFixture.now.addingTimeInterval(60), dryRun: false)

            let detail = try await relay.admin(.GET, "/v1/invoices/in_test_1", token: token)
            #expect(detail.status == 200)
            #expect((detail.json["invoice"] as? [String: Any])?["status"] as? String == "paid")
            #expect((detail.json["events"] as? [Any])?.count == 1)
            #expect(((detail.json["deliveries"] as? [[String: Any]])?.first?["attempts"] as? [Any])?.count == 1)
            #expect((detail.json["drift_corrections"] as? [[String: Any]])?.contains { $0["field"] as? String == "status" } == true)
            let kinds = (detail.json["timeline"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
            #expect(kinds.first == "event")
            #expect(Set(kinds) == ["event", "delivery_queued", "delivery_attempt", "drift_correction"])
            let times = (detail.json["timeline"] as? [[String: Any]])?.compactMap { $0["at"] as? String } ?? []
            #expect(times == times.sorted())

            #expect(try await relay.admin(.GET, "/v1/invoices/in_nope", token: token).errorCode == "invoice_not_found")
        }
    }

    @Test func listFiltersByStatusOverdueAndCustomer() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.readToken(relay, clock: clock)
            try await AdminFixture.openInvoice(relay, id: "in_a", eventId: "evt_a")
            try await AdminFixture.openInvoice(relay, id: "in_b", eventId: "evt_b", dueDate: 1_800_000_000)
            let paid = StripeEvents.invoice(eventId: "evt_c", type: "invoice.paid", created: 1_764_000_000, invoiceId: "in_c", status: "paid", amountPaid: 12500)
            _ = try await relay.postStripe(paid, timestamp: Int64(AdminFixture.now.timeIntervalSince1970))

            #expect(try await relay.admin(.GET, "/v1/invoices", token: token).data.compactMap { $0["id"] as? String } == ["in_a", "in_b", "in_c"])
            let overdue = try await relay.admin(.GET, "/v1/invoices?overdue=true", token: token)
            #expect(overdue.data.compactMap { $0["id"] as? String } == ["in_a"])
            #expect(overdue.data.first?["overdue"] as? Bool == true)
            #expect(try await relay.admin(.GET, "/v1/invoices?status=paid", token: token).data.compactMap { $0["id"] as? String } == ["in_c"])
            #expect(try await relay.admin(.GET, "/v1/invoices?customer=cus_test_1&limit=2", token: token).json["next_cursor"] as? String == "in_b")
            #expect(try await relay.admin(.GET, "/v1/invoices?customer=cus_other", token: token).data.isEmpty)
            #expect(try await relay.admin(.GET, "/v1/invoices?cursor=in_b", token: token).data.compactMap { $0["id"] as? String } == ["in_c"])
            for bad in ["status=late", "overdue=1", "limit=1000", "customer="] {
                #expect(try await relay.admin(.GET, "/v1/invoices?\(bad)", token: token).status == 400, "\(bad)")
            }
        }
    }
}

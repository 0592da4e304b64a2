import FakeProviders
import Foundation
import Reconciliation
import Testing

@Suite("Stripe list filters")
struct StripeAPIClientFilterTests {
    @Test("created[gte] returns exactly the events at or after the bound", arguments: [Int64(0), 5, 9, 10])
    func createdGte(offset: Int64) async throws {
        try await StripeHarness.run { harness in
            for n in 0..<10 {
                StripeFixtures.addEvent(harness.fake, id: "evt_c\(n)", created: StripeFixtures.baseTime + Int64(n))
            }
            let bound = StripeFixtures.baseTime + offset
            let page = try await harness.client().listEvents(types: [], createdGte: bound, startingAfter: nil, limit: 100)
            #expect(page.data.count == Int(10 - offset))
            #expect(page.data.allSatisfy { $0.created >= bound })
            #expect(page.data.map(\.created) == page.data.map(\.created).sorted(by: >))
        }
    }

    @Test("types[] keeps only the listed event types")
    func typesFilter() async throws {
        try await StripeHarness.run { harness in
            let types = ["invoice.paid", "invoice.created", "invoice.payment_failed", "customer.created"]
            for n in 0..<12 {
                StripeFixtures.addEvent(harness.fake, id: "evt_t\(n)", type: types[n % 4], created: StripeFixtures.baseTime + Int64(n))
            }
            let page = try await harness.client().listEvents(
                types: ["invoice.paid", "invoice.payment_failed"], createdGte: nil, startingAfter: nil, limit: 100
            )
            #expect(page.data.map(\.id) == ["evt_t10", "evt_t8", "evt_t6", "evt_t4", "evt_t2", "evt_t0"])
            #expect(Set(page.data.map(\.type)) == ["invoice.paid", "invoice.payment_failed"])
        }
    }

    @Test("a single wildcard type is sent as type= and matches the whole group")
    func wildcardType() async throws {
        try await StripeHarness.run { harness in
            StripeFixtures.addEvent(harness.fake, id: "evt_w1", type: "invoice.paid", created: StripeFixtures.baseTime)
            StripeFixtures.addEvent(harness.fake, id: "evt_w2", type: "customer.created", created: StripeFixtures.baseTime + 1)
            StripeFixtures.addEvent(harness.fake, id: "evt_w3", type: "invoice.voided", created: StripeFixtures.baseTime + 2)
            let page = try await harness.client().listEvents(types: ["invoice.*"], createdGte: nil, startingAfter: nil, limit: 10)
            #expect(page.data.map(\.id) == ["evt_w3", "evt_w1"])
            #expect(harness.fake.requests().last?.query == "limit=10&type=invoice.%2A")
        }
    }

    @Test("invoices filter by status and created[gte], newest first")
    func invoicesByStatus() async throws {
        try await StripeHarness.run { harness in
            let statuses = ["open", "paid", "void", "open", "uncollectible", "open"]
            for (n, status) in statuses.enumerated() {
                harness.fake.upsertInvoice(StripeFixtures.invoice("in_\(n)", status: status, created: StripeFixtures.baseTime + Int64(n)))
            }
            let client = harness.client()
            let open = try await client.listInvoices(status: "open", createdGte: nil, startingAfter: nil, limit: 100)
            #expect(open.data.map(\.id) == ["in_5", "in_3", "in_0"])
            #expect(open.data.allSatisfy { $0.status == "open" })
            #expect(open.url == "/v1/invoices")

            let recent = try await client.listInvoices(status: nil, createdGte: StripeFixtures.baseTime + 3, startingAfter: nil, limit: 2)
            #expect(recent.data.map(\.id) == ["in_5", "in_4"])
            #expect(recent.hasMore)
            let rest = try await client.listInvoices(status: nil, createdGte: StripeFixtures.baseTime + 3, startingAfter: recent.lastId, limit: 2)
            #expect(rest.data.map(\.id) == ["in_3"])
            #expect(rest.hasMore == false)

            let object = try JSONSerialization.jsonObject(with: Data(try #require(open.data.first).raw)) as? [String: Any]
            #expect(object?["object"] as? String == "invoice")
            #expect(object?["currency"] as? String == "usd")
        }
    }

    @Test("an upserted invoice is listed with its new status")
    func upsertReplacesInvoice() async throws {
        try await StripeHarness.run { harness in
            harness.fake.upsertInvoice(StripeFixtures.invoice("in_up", status: "open"))
            harness.fake.upsertInvoice(StripeFixtures.invoice("in_up", status: "paid"))
            let page = try await harness.client().listInvoices(status: nil, createdGte: nil, startingAfter: nil, limit: 10)
            #expect(page.data.map(\.id) == ["in_up"])
            #expect(page.data.first?.status == "paid")
        }
    }
}

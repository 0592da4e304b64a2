import FakeProviders
import Foundation
import Reconciliation
import StripeEvents
import Testing

@Suite("Stripe list element decoding")
struct StripeAPIClientDecodingTests {
    @Test("one malformed event lands in undecodable while the rest decode", arguments: [
        (#"{"id":"evt_bad","object":"event","type":"invoice.paid","created":"yesterday"}"#, "created"),
        (#"{"id":"evt_bad","object":"event","created":1764000003}"#, "type"),
        (#"{"id":"evt_bad","object":"charge","type":"invoice.paid","created":1764000003}"#, "object"),
        (#"["evt_bad"]"#, "<root>"),
    ])
    func malformedEvent(json: String, reasonMentions: String) async throws {
        try await StripeHarness.run { harness in
            for n in 0..<6 where n != 3 {
                StripeFixtures.addEvent(harness.fake, id: "evt_ok\(n)", created: StripeFixtures.baseTime + Int64(n))
            }
            harness.fake.addEvent(FakeStripeEvent(id: "evt_bad", type: "invoice.paid", created: StripeFixtures.baseTime + 3, json: Array(json.utf8)))

            let page = try await harness.client().listEvents(types: [], createdGte: nil, startingAfter: nil, limit: 100)
            #expect(page.data.map(\.id) == ["evt_ok5", "evt_ok4", "evt_ok2", "evt_ok1", "evt_ok0"])
            let bad = try #require(page.undecodable.first)
            #expect(page.undecodable.count == 1)
            #expect(bad.id == (json.hasPrefix("[") ? nil : "evt_bad"))
            #expect(bad.raw == Array(json.utf8))
            #expect(bad.reason.contains(reasonMentions))
        }
    }

    @Test("an undecodable last element still yields the cursor for the next page")
    func cursorPastUndecodableTail() async throws {
        try await StripeHarness.run { harness in
            StripeFixtures.addEvent(harness.fake, id: "evt_new", created: StripeFixtures.baseTime + 10)
            harness.fake.addEvent(FakeStripeEvent(
                id: "evt_broken", type: "invoice.paid", created: StripeFixtures.baseTime + 5,
                json: Array(#"{"id":"evt_broken","object":"event","type":null,"created":1764000005}"#.utf8)
            ))
            StripeFixtures.addEvent(harness.fake, id: "evt_old", created: StripeFixtures.baseTime)

            let client = harness.client()
            let first = try await client.listEvents(types: [], createdGte: nil, startingAfter: nil, limit: 2)
            #expect(first.data.map(\.id) == ["evt_new"])
            #expect(first.undecodable.map(\.id) == ["evt_broken"])
            #expect(first.lastId == "evt_broken")
            #expect(first.hasMore)
            let second = try await client.listEvents(types: [], createdGte: nil, startingAfter: first.lastId, limit: 2)
            #expect(second.data.map(\.id) == ["evt_old"])
            #expect(second.hasMore == false)
        }
    }

    @Test("a polled invoice event decodes with the webhook decoder into the same invoice")
    func polledEventFeedsWebhookDecoder() async throws {
        try await StripeHarness.run { harness in
            let invoice = StripeFixtures.invoice("in_1QxPolled0001", status: "open")
            harness.fake.addInvoiceEvent(id: "evt_1QxPolled0001", type: "invoice.payment_failed", created: 1_764_000_500, invoice: invoice)
            let page = try await harness.client().listEvents(types: ["invoice.payment_failed"], createdGte: nil, startingAfter: nil, limit: 10)
            let raw = try #require(page.data.first).raw

            guard case .invoice(let event) = StripeEventDecoder.decode(raw, source: "stripe") else {
                Issue.record("expected an invoice event, got \(StripeEventDecoder.decode(raw, source: "stripe"))")
                return
            }
            #expect(event.eventId == "evt_1QxPolled0001")
            #expect(event.kind == .paymentFailed)
            #expect(event.apiVersion == FakeStripe.defaultAPIVersion)
            #expect(event.invoice.providerInvoiceId == "in_1QxPolled0001")
            #expect(event.invoice.currency == "USD")
            #expect(event.invoice.amountDue == 12_500)
            #expect(event.invoice.amountRemaining == 12_500)
            #expect(event.invoice.customerEmail == "ada@example.com")
            #expect(event.invoice.providerStatus == "open")
        }
    }
}

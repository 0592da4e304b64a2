import FakeProviders
import Foundation
import Reconciliation
import Testing

@Suite("Stripe requests on the wire")
struct StripeAPIClientWireTests {
    @Test("events: percent-encoded brackets, parameter order, Bearer key, pinned Stripe-Version")
    func eventsRequest() async throws {
        try await StripeHarness.run { harness in
            StripeFixtures.addEvent(harness.fake, id: "evt_cursor01", created: StripeFixtures.baseTime + 60)
            _ = try await harness.client().listEvents(
                types: ["invoice.paid", "invoice.payment_failed"], createdGte: StripeFixtures.baseTime,
                startingAfter: "evt_cursor01", limit: 50
            )
            let request = try #require(harness.fake.requests().last)
            #expect(request.method == "GET")
            #expect(request.path == "/v1/events")
            #expect(request.query == "limit=50&types%5B%5D=invoice.paid&types%5B%5D=invoice.payment_failed&created%5Bgte%5D=1764000000&starting_after=evt_cursor01")
            #expect(request.header("Authorization") == "Bearer \(StripeHarness.secretKey)")
            #expect(request.header("Stripe-Version") == StripeHarness.stripeVersion)
            #expect(request.header("Accept") == "application/json")
            #expect(request.body.isEmpty)
        }
    }

    @Test("invoices: status, created[gte], and limit clamped to Stripe's 1...100", arguments: [
        (250, "100"), (0, "1"), (37, "37"),
    ])
    func invoicesRequest(limit: Int, sent: String) async throws {
        try await StripeHarness.run { harness in
            _ = try await harness.client().listInvoices(status: "open", createdGte: 1_764_000_000, startingAfter: nil, limit: limit)
            let request = try #require(harness.fake.requests().last)
            #expect(request.path == "/v1/invoices")
            #expect(request.query == "limit=\(sent)&status=open&created%5Bgte%5D=1764000000")
            #expect(request.header("Stripe-Version") == StripeHarness.stripeVersion)
        }
    }

    @Test("the default configuration pins a Stripe-Version the fake accepts")
    func defaultVersionIsWellFormed() async throws {
        try await StripeHarness.run { harness in
            let client = StripeAPIClient(
                configuration: StripeAPIConfiguration(baseURL: harness.fake.baseURL, secretKey: StripeHarness.secretKey),
                client: harness.http
            )
            _ = try await client.listEvents(types: [], createdGte: nil, startingAfter: nil, limit: 1)
            #expect(harness.fake.requests().last?.header("Stripe-Version") == StripeAPIConfiguration.defaultStripeVersion)
        }
    }

    @Test("cursor and type values are escaped so they cannot inject parameters")
    func valuesAreEscaped() async throws {
        try await StripeHarness.run { harness in
            _ = try? await harness.client().listEvents(types: ["a&b=c"], createdGte: nil, startingAfter: "evt_x y+z", limit: 5)
            #expect(harness.fake.requests().last?.query == "limit=5&types%5B%5D=a%26b%3Dc&starting_after=evt_x%20y%2Bz")
        }
    }
}

import FakeProviders
import Foundation
import Reconciliation
import Testing

@Suite("Stripe events pagination")
struct StripeAPIClientPaginationTests {
    @Test("250 events in pages of 100: three pages, newest first, none missing or repeated")
    func paginatesAllEvents() async throws {
        try await StripeHarness.run { harness in
            // Insert in a scrambled order with many equal `created` times, so both sort keys matter.
            var expected: [(id: String, created: Int64, inserted: Int)] = []
            for (inserted, n) in (0..<250).map({ ($0 * 97) % 250 }).enumerated() {
                let id = String(format: "evt_%04d", n)
                let created = StripeFixtures.baseTime + Int64(n / 4)
                StripeFixtures.addEvent(harness.fake, id: id, created: created)
                expected.append((id, created, inserted))
            }
            let expectedOrder = expected.sorted { ($0.created, $0.inserted) > ($1.created, $1.inserted) }.map(\.id)

            let client = harness.client()
            var seen: [String] = []
            var hasMoreFlags: [Bool] = []
            var cursor: String?
            repeat {
                let page = try await client.listEvents(types: [], createdGte: nil, startingAfter: cursor, limit: 100)
                #expect(page.undecodable.isEmpty)
                #expect(page.url == "/v1/events")
                seen += page.data.map(\.id)
                hasMoreFlags.append(page.hasMore)
                cursor = page.lastId
                #expect(cursor == page.data.last?.id)
                if hasMoreFlags.count > 5 { break }
            } while hasMoreFlags.last == true

            #expect(hasMoreFlags == [true, true, false])
            #expect(seen == expectedOrder)
            #expect(Set(seen).count == 250)

            let queries = harness.fake.requests().map { $0.query ?? "" }
            #expect(queries.count == 3)
            #expect(queries[0] == "limit=100")
            #expect(queries[1] == "limit=100&starting_after=\(expectedOrder[99])")
            #expect(queries[2] == "limit=100&starting_after=\(expectedOrder[199])")
        }
    }

    @Test("each event's raw bytes are exactly its JSON and its header fields decode")
    func rawBytesAreTheEventJSON() async throws {
        try await StripeHarness.run { harness in
            let stored = StripeFixtures.addEvent(harness.fake, id: "evt_raw0001", type: "invoice.payment_failed", created: 1_764_000_123)
            let page = try await harness.client().listEvents(types: [], createdGte: nil, startingAfter: nil, limit: 10)
            let event = try #require(page.data.first)
            #expect(event == StripeRawEvent(
                id: "evt_raw0001", type: "invoice.payment_failed", created: 1_764_000_123,
                apiVersion: FakeStripe.defaultAPIVersion, raw: stored.json
            ))
            #expect(page.hasMore == false)
        }
    }

    @Test("an empty account lists nothing and has no more")
    func emptyList() async throws {
        try await StripeHarness.run { harness in
            let page = try await harness.client().listEvents(types: ["invoice.paid"], createdGte: nil, startingAfter: nil, limit: 100)
            #expect(page.data.isEmpty)
            #expect(page.hasMore == false)
            #expect(page.lastId == nil)
        }
    }
}

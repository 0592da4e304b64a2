import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Reconciliation
import Synchronization
import Testing

@Suite("Reconciler: pagination, overlap and the cursor")
struct ReconcilerPaginationTests {
    @Test("260 events over three pages are all applied once, oldest first, and the cursor ends at the newest")
    func paginatesAWholeWindow() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            let ids = ReconcileFixtures.addEvents(h.fake, count: 260)
            try await h.seedCursor(at: base - 10)
            let pages = ProgressLog()

            let report = try await h.reconciler().runOnce(progress: { pages.append($0) })

            #expect(report.pages == 3)
            #expect(report.eventsSeen == 260)
            #expect(report.applied == 260)
            #expect(report.alreadyKnown == 0)
            #expect(report.cursor?.lastCreated == base + 259)
            #expect(report.cursor?.lastEventId == ids.last)
            #expect(try await h.store.cursor(source: ReconcileHarness.source) == report.cursor)

            let stored = try await h.storedEvents()
            #expect(stored.map(\.eventId) == ids, "applied oldest first, each exactly once")
            #expect(stored.allSatisfy { $0.origin == "reconcile" && $0.status == "applied" })

            let queries = h.fake.requests().map { $0.query ?? "" }
            #expect(queries.count == 3)
            let windowStart = "created%5Bgte%5D=\(base - 310)"
            #expect(queries.allSatisfy { $0.contains(windowStart) && $0.contains("limit=100") })
            for type in InvoiceEventKind.allCases {
                #expect(queries[0].contains("types%5B%5D=\(type.rawValue)"))
            }
            #expect(!queries[0].contains("starting_after"))
            #expect(queries[1].hasSuffix("starting_after=evt_bulk00160"))
            #expect(queries[2].hasSuffix("starting_after=evt_bulk00060"))

            let phases = pages.all.map { "\($0.phase.rawValue) \($0.pagesDone)/\($0.totalPages.map(String.init) ?? "?")" }
            #expect(phases == ["listing 1/?", "listing 2/?", "listing 3/?", "applying 1/3", "applying 2/3", "applying 3/3"])
            #expect(pages.all.last?.report.applied == 260)
        }
    }

    @Test("the overlap window re-reads recent events without re-applying them")
    func overlapDoesNotReapply() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            ReconcileFixtures.addEvents(h.fake, count: 260)
            try await h.seedCursor(at: base - 10)
            let reconciler = h.reconciler()
            let first = try await reconciler.runOnce()
            #expect(first.applied == 260)
            h.clock.advance(by: 300)

            let second = try await reconciler.runOnce()

            #expect(second.windowStart == Date(timeIntervalSince1970: TimeInterval(base + 259 - 300)))
            #expect(second.eventsSeen == 260)
            #expect(second.applied == 0)
            #expect(second.alreadyKnown == 260)
            #expect(second.recovered == 0)
            #expect(second.cursor?.lastCreated == base + 259)
            #expect(h.metrics.counter("invoice_relay_reconciliation_events_recovered_total") == 260)
            let stored = try await h.storedEvents()
            #expect(stored.count == 260)
            #expect(stored.allSatisfy { $0.duplicateCount == 1 })
        }
    }

    @Test("requests are spaced to the configured rate")
    func respectsRequestRate() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 25)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            var configuration = ReconcileHarness.configuration(pageLimit: 10)
            configuration.requestsPerSecond = 5
            configuration.requestBurst = 1

            let report = try await h.reconciler(configuration: configuration).runOnce()

            #expect(report.pages == 3)
            // 5 requests/s, burst 1: each call after the first waits 200 ms (the clock moves with the wait).
            let waits = h.sleeps.requested
            #expect(waits.count == 2)
            #expect(waits.allSatisfy { $0 > .microseconds(199_990) && $0 < .microseconds(200_010) })
        }
    }

    @Test("a --since window after the cursor applies events but leaves the cursor, so no gap opens behind it")
    func laterSinceDoesNotMoveCursor() async throws {
        try await ReconcileHarness.run { h in
            let base = ReconcileHarness.base
            ReconcileFixtures.addEvents(h.fake, count: 10, spacing: 100)
            try await h.seedCursor(at: base - 1)

            let late = try await h.reconciler().runOnce(since: Date(timeIntervalSince1970: TimeInterval(base + 500)))
            #expect(late.applied == 5)
            #expect(!late.cursorMoved)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastCreated == base - 1)

            let early = try await h.reconciler().runOnce(since: Date(timeIntervalSince1970: TimeInterval(base - 1000)))
            #expect(early.applied == 5)
            #expect(early.alreadyKnown == 5)
            #expect(early.cursorMoved)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastCreated == base + 900)
        }
    }
}

/// Collects progress notifications from a `@Sendable` callback.
final class ProgressLog: Sendable {
    private let entries = Mutex<[ReconcileProgress]>([])
    var all: [ReconcileProgress] { entries.withLock { $0 } }
    func append(_ progress: ReconcileProgress) { entries.withLock { $0.append(progress) } }
}

import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Reconciliation
import StoreSeams
import Testing

@Suite("Reconciler: the cursor survives restarts without gaps or repeats")
struct ReconcilerRestartTests {
    @Test("a crash after page 2 of 3 is committed resumes from the cursor: no gaps, nothing applied twice")
    func crashMidBackfillResumes() async throws {
        try await ReconcileHarness.run(onDisk: true) { h in
            let base = ReconcileHarness.base
            let path = try #require(h.databasePath)
            // 250 events 10 s apart: the window is far wider than the 300 s overlap.
            let ids = ReconcileFixtures.addEvents(h.fake, count: 250, spacing: 10)
            try await h.seedCursor(at: base - 1)

            // The third page commit never happens (the process "dies" there).
            let crashing = CrashingStore(base: h.store, crashOnPage: 3)
            await #expect(throws: CrashingStore.Crash.self) { try await h.reconciler(store: crashing).runOnce() }

            // Pages are applied oldest first: the 50 oldest, then the next 100, are committed with the cursor.
            let afterCrash = try #require(try await h.store.cursor(source: ReconcileHarness.source))
            #expect(afterCrash.lastCreated == base + 1490)
            #expect(afterCrash.lastEventId == ids[149])
            #expect(try await h.storedEvents().map(\.eventId) == Array(ids[0..<150]))

            // Restart: a new process opens the same file.
            let reopened = SQLiteStore(try AppDatabase.open(path: path, synchronous: .normal))
            let report = try await h.reconciler(store: reopened).runOnce()

            // Re-read from cursor − overlap (events 119...249): 31 known, 100 new.
            #expect(report.windowStart == Date(timeIntervalSince1970: TimeInterval(base + 1190)))
            #expect(report.eventsSeen == 131)
            #expect(report.applied == 100)
            #expect(report.alreadyKnown == 31)
            let stored = try await SQLiteStoreReader(reopened).all()
            #expect(stored.map(\.eventId) == ids, "every event exactly once, in order")
            #expect(stored.allSatisfy { $0.status == "applied" })
            #expect(stored.reduce(0) { $0 + $1.duplicateCount } == 31)
            #expect(try await reopened.cursor(source: ReconcileHarness.source)?.lastEventId == ids.last)
        }
    }

    @Test("a page that keeps failing mid-window ends the run with the cursor untouched; the next run gets everything")
    func fetchFailureLeavesCursor() async throws {
        try await ReconcileHarness.run(onDisk: true) { h in
            let base = ReconcileHarness.base
            let path = try #require(h.databasePath)
            let ids = ReconcileFixtures.addEvents(h.fake, count: 250)
            try await h.seedCursor(at: base - 1, eventId: "evt_before")
            let fake = h.fake
            let outage: @Sendable (ReconcileProgress) -> Void = { progress in
                if progress.phase == .listingEvents, progress.pagesDone == 2 { fake.setFaults(.status(503)) }
            }

            let error = await #expect(throws: ReconcileError.self) { try await h.reconciler().runOnce(progress: outage) }
            guard case .providerUnavailable(let cause, let attempts)? = error?.kind else {
                Issue.record("expected providerUnavailable, got \(String(describing: error))")
                return
            }
            #expect(cause.kind == .server(status: 503))
            #expect(attempts == 4)
            #expect(try await h.store.cursor(source: ReconcileHarness.source)?.lastEventId == "evt_before")
            #expect(try await h.storedEvents().isEmpty)
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "failed")]) == 1)

            h.fake.setFaults(.none)
            let reopened = SQLiteStore(try AppDatabase.open(path: path, synchronous: .normal))
            let report = try await h.reconciler(store: reopened).runOnce()
            #expect(report.applied == 250)
            #expect(try await SQLiteStoreReader(reopened).all().map(\.eventId) == ids)
        }
    }
}

/// Reads every stored event of the harness source from any store, oldest first.
struct SQLiteStoreReader {
    let store: SQLiteStore
    init(_ store: SQLiteStore) { self.store = store }

    func all() async throws -> [StoredEvent] {
        try await store.events(matching: EventFilter(source: ReconcileHarness.source), limit: 10_000, before: nil).reversed()
    }
}

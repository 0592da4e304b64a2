import FakeProviders
import Foundation
import InvoiceStore
import Reconciliation
import Synchronization
import Testing

@Suite("Reconciliation backfill benchmark")
struct ReconcileBackfillBenchmark {
    /// Run with `INVOICE_RELAY_BENCHMARK=1 swift test --filter ReconcileBackfillBenchmark`.
    @Test(
        "10,000-event backfill against the fake (prints events/s)",
        .enabled(if: ProcessInfo.processInfo.environment["INVOICE_RELAY_BENCHMARK"] != nil, "benchmark: set INVOICE_RELAY_BENCHMARK=1")
    )
    func tenThousandEvents() async throws {
        try await ReconcileHarness.run(onDisk: true) { h in
            let count = 10_000
            ReconcileFixtures.addEvents(h.fake, count: count)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            let path = try #require(h.databasePath)
            // Production durability: fsync on every page commit.
            let store = SQLiteStore(try AppDatabase.open(path: path, synchronous: .full))
            let reconciler = h.reconciler(store: store)

            let clock = ContinuousClock()
            let start = clock.now
            let fetched = Mutex<ContinuousClock.Instant?>(nil)
            let report = try await reconciler.runOnce(progress: { progress in
                if progress.phase == .listingEvents, !progress.report.dryRun { fetched.withLock { $0 = clock.now } }
            })
            let elapsed = clock.now - start
            let listing = (fetched.withLock { $0 } ?? start) - start

            #expect(report.applied == count)
            #expect(report.pages == count / 100)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("reconciliation backfill: \(count) events, \(report.pages) pages in \(String(format: "%.2f", seconds)) s = \(Int(Double(count) / seconds)) events/s (no request-rate limit; listing took \(listing), applying the rest)")
        }
    }
}

import Foundation
import InvoiceDomain
import InvoiceStore
import Reconciliation
import StoreSeams
import Synchronization

/// A store that "crashes" (throws before anything is written) on its `crashOnPage`-th `ingestPage`, standing in
/// for a process killed mid-backfill; everything else goes to the real store.
final class CrashingStore: ReconcilerStore {
    struct Crash: Error {}

    let base: SQLiteStore
    let crashOnPage: Int
    private let pages = Mutex(0)

    init(base: SQLiteStore, crashOnPage: Int) {
        self.base = base
        self.crashOnPage = crashOnPage
    }

    func ingestPage(_ events: [IncomingEvent], advancing cursor: ReconcileCursor?) async throws -> [IngestResult] {
        let page = pages.withLock { $0 += 1; return $0 }
        if page >= crashOnPage { throw Crash() }
        return try await base.ingestPage(events, advancing: cursor)
    }

    func cursor(source: String) async throws -> ReconcileCursor? { try await base.cursor(source: source) }
    func saveCursor(_ cursor: ReconcileCursor) async throws { try await base.saveCursor(cursor) }
    func correctInvoice(source: String, snapshot: InvoiceSnapshot, observedAt: Date, dryRun: Bool) async throws -> [DriftRecord] {
        try await base.correctInvoice(source: source, snapshot: snapshot, observedAt: observedAt, dryRun: dryRun)
    }
    func lastWebhookReceivedAt(source: String) async throws -> Date? { try await base.lastWebhookReceivedAt(source: source) }
    func invoice(id: String) async throws -> Invoice? { try await base.invoice(id: id) }
}

import AsyncHTTPClient
import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import NIOCore
import Reconciliation
import StoreSeams
import WebhookIngest

/// A fake Stripe on loopback, an HTTP client, a database, a manual clock and recorders for sleeps, metrics and
/// logs: everything a ``Reconciler`` test needs. Torn down after each test body.
struct ReconcileHarness: Sendable {
    static let secretKey = "sk_test_51QxReconcileHarnessSecret000000wxyz"
    static let source = "stripe"
    /// Provider time of the fixtures (2025-11-24T16:00:00Z).
    static let base: Int64 = 1_764_000_000

    let fake: FakeStripe
    let http: HTTPClient
    let database: AppDatabase
    let store: SQLiteStore
    let clock: ManualClock
    let sleeps: SleepRecorder
    let metrics: RecordingMetrics
    let logs: LogRecorder
    /// Set when the database is a file (restart tests).
    let databasePath: String?

    /// Fast and deterministic: no real waits, seeded jitter, a request rate that never throttles for long.
    static func configuration(pageLimit: Int = 100, overlap: TimeInterval = 300, maxRetries: Int = 3) -> ReconcilerConfiguration {
        ReconcilerConfiguration(
            source: source, pageLimit: pageLimit, overlap: overlap, requestsPerSecond: 10_000, requestBurst: 10_000, maxRetries: maxRetries,
            backoff: BackoffPolicy(base: 1, cap: 8, maxAttempts: maxRetries + 1), jitterSeed: 42
        )
    }

    /// A reconciler on this harness's fake, clock and recorders.
    func reconciler(
        store: (any ReconcilerStore)? = nil,
        configuration: ReconcilerConfiguration = ReconcileHarness.configuration(),
        secretKey: String = ReconcileHarness.secretKey,
        stripeVersion: String = FakeStripe.defaultAPIVersion
    ) -> Reconciler {
        let api = StripeAPIConfiguration(baseURL: fake.baseURL, secretKey: secretKey, stripeVersion: stripeVersion, timeout: .seconds(5))
        return Reconciler(
            client: StripeAPIClient(configuration: api, client: http, clock: clock),
            store: store ?? self.store,
            configuration: configuration,
            clock: clock,
            metrics: metrics,
            logger: logs.logger(),
            sleep: sleeps.sleep
        )
    }

    /// Pretends an earlier run read everything up to `created` (provider time).
    func seedCursor(at created: Int64, eventId: String? = nil) async throws {
        try await store.saveCursor(ReconcileCursor(source: Self.source, lastCreated: created, lastEventId: eventId, updatedAt: clock.now()))
    }

    /// Delivers an event the way the webhook endpoint would after verifying it: same decoder, origin `webhook`.
    @discardableResult
    func deliverWebhook(_ body: [UInt8]) async throws -> IngestResult {
        let (eventId, content) = WebhookIngestor.interpret(body: body, source: Self.source, deliveryId: nil)
        let event = IncomingEvent(
            source: Self.source, eventId: eventId, origin: .webhook, receivedAt: clock.now(),
            headers: ["stripe-signature": "t=0,v1=test"], body: body, content: content
        )
        let results = try await store.ingest([event])
        return try (results.first ?? { throw HarnessError("ingest returned no result") }()).get()
    }

    /// Every stored event of the source, oldest first.
    func storedEvents() async throws -> [StoredEvent] {
        var all: [StoredEvent] = []
        var before: Int64?
        while true {
            let page = try await store.events(matching: EventFilter(source: Self.source), limit: 500, before: before)
            all += page
            guard page.count == 500, let last = page.last?.id else { break }
            before = last
        }
        return all.reversed()
    }

    /// Starts everything, runs `body`, and always shuts down.
    /// - Parameter onDisk: use a temporary database file (so a second ``AppDatabase`` can reopen it).
    static func run<T: Sendable>(onDisk: Bool = false, _ body: (ReconcileHarness) async throws -> T) async throws -> T {
        let path = onDisk ? FileManager.default.temporaryDirectory.appendingPathComponent("reconcile-\(UUID().uuidString).sqlite").path : nil
        let database = try path.map { try AppDatabase.open(path: $0, synchronous: .normal) } ?? AppDatabase.inMemory()
        let fake = try await FakeStripe.start(secretKey: secretKey)
        let http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: StripeAPIConfiguration.httpClientConfiguration(connectTimeout: .seconds(2), readTimeout: .seconds(5))
        )
        let clock = ManualClock(Date(timeIntervalSince1970: TimeInterval(base + 3600)))
        let harness = ReconcileHarness(
            fake: fake, http: http, database: database, store: SQLiteStore(database), clock: clock,
            sleeps: SleepRecorder(advancing: clock), metrics: RecordingMetrics(), logs: LogRecorder(), databasePath: path
        )
        let result: Result<T, any Error>
        do {
            result = .success(try await body(harness))
        } catch {
            result = .failure(error)
        }
        try? await http.shutdown()
        await fake.shutdown()
        if let path {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return try result.get()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Invoices and events with realistic contents.
enum ReconcileFixtures {
    static let amount: Int64 = 12_500

    /// An invoice as Stripe holds it; `paid` carries the full amount paid.
    static func invoice(_ id: String, status: String = "open", created: Int64 = ReconcileHarness.base) -> FakeInvoice {
        FakeInvoice(
            id: id, number: "INV-\(id.suffix(4))", customer: "cus_Reconcile01", customerName: "Ada Lovelace",
            customerEmail: "ada@example.com", customerPhone: "+14155550100", currency: "usd",
            amountDue: amount, amountPaid: status == "paid" ? amount : 0,
            dueDate: ReconcileHarness.base + 30 * 86_400, status: status, attemptCount: 1, created: created
        )
    }

    /// Adds `count` `invoice.finalized` events, one invoice each, created `spacing` seconds apart from `start`.
    /// - Returns: their ids, oldest first.
    @discardableResult
    static func addEvents(_ fake: FakeStripe, count: Int, start: Int64 = ReconcileHarness.base, spacing: Int64 = 1, prefix: String = "evt_bulk") -> [String] {
        (0..<count).map { n in
            let id = String(format: "\(prefix)%05d", n)
            let created = start + Int64(n) * spacing
            fake.addInvoiceEvent(id: id, type: "invoice.finalized", created: created, invoice: invoice(String(format: "in_bulk%05d", n), created: created))
            return id
        }
    }
}

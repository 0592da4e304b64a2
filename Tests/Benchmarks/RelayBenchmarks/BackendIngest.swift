import ArgumentParser
import Foundation
import InvoiceStore
import Logging
import PostgresStore
import PostgresTestSupport
import StoreSeams
import WebhookIngest

/// Webhooks per second into each storage backend: concurrent submitters through the group-commit batcher, with
/// the decode and the state machine, without HTTP and signatures (`wrk` measures those end to end).
struct BackendIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backend-ingest",
        abstract: "Webhooks/s through group commit into SQLite and PostgreSQL (INVOICE_RELAY_TEST_POSTGRES_URL; a fresh schema)."
    )

    enum Backend: String, ExpressibleByArgument, CaseIterable { case sqlite, postgres, both }

    @Option var backend = Backend.both
    @Option var events = 20_000
    @Option(help: "Distinct invoices the events update.") var invoices = 5_000
    @Option(help: "Concurrent submitters (webhook requests in flight).") var concurrency = 64
    @Option(help: "Most events per group commit.") var batch = 64
    @Option(help: "PostgreSQL connections per batcher pool.") var pool = 4
    @Option(help: "PostgreSQL: batchers (relays) sharing the database, each with its own pool.") var relays = 1

    func run() async throws {
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(events) events over \(invoices) invoices, \(concurrency) in flight, batches of \(batch)")
        if backend != .postgres {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = SQLiteStore(try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path))
            try await measure("sqlite (WAL, synchronous=FULL)", stores: [store])
        }
        if backend != .sqlite {
            guard PostgresTestDatabase.isAvailable else { throw ValidationError(PostgresTestDatabase.skipMessage) }
            try await PostgresTestDatabase.withSchema { endpoint in
                let logger = Logger(label: "bench")
                let services = (0..<max(1, relays)).map { _ in
                    PostgresClientService(configuration: endpoint.clientConfiguration(tls: .disable, poolSize: pool), logger: logger)
                }
                do {
                    try await PostgresMigrations.migrate(services[0].client, logger: logger)
                    try await measure("postgres (\(services.count) pool(s) of \(pool))", stores: services.map { PostgresStore(client: $0.client) })
                } catch {
                    for service in services { await service.shutdown() }
                    throw error
                }
                for service in services { await service.shutdown() }
            }
        }
    }

    private func measure(_ name: String, stores: [any IngestStore]) async throws {
        let batchers = stores.map { IngestBatcher(store: $0, maxBatchSize: batch) }
        let now = Date(timeIntervalSince1970: 1_764_000_100)
        let template = #"{"id":"evt_X","object":"event","type":"invoice.paid","created":1764000000,"data":{"object":{"id":"in_X","object":"invoice","status":"paid","amount_due":12500,"amount_paid":12500,"amount_remaining":0,"currency":"usd","customer":"cus_TestCustomer01","due_date":1764600000}}}"#
        let (count, invoices, workers) = (events, invoices, concurrency)
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                let batcher = batchers[worker % batchers.count]
                group.addTask {
                    for i in stride(from: worker, to: count, by: workers) {
                        let body = Array(template.replacingOccurrences(of: "evt_X", with: "evt_bench_\(i)")
                            .replacingOccurrences(of: "in_X", with: "in_bench_\(i % invoices)").utf8)
                        let (id, content) = WebhookIngestor.interpret(body: body, source: "stripe", deliveryId: nil)
                        _ = try await batcher.submit(IncomingEvent(source: "stripe", eventId: id, origin: .webhook, receivedAt: now, headers: [:], body: body, content: content))
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%10.0f events/s (%d events in %.2f s)", Double(count) / seconds, count, seconds))
    }
}

import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import Reconciliation
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Reconciliation cadence")
struct ReconciliationCadenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lastWebhookAgo: TimeInterval?
        var foundNew: Bool
        var failures: Int
        var expected: ReconciliationCadence.Reason
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "webhooks flowing, nothing missed", lastWebhookAgo: 10, foundNew: false, failures: 0, expected: .healthy),
        Case(name: "webhooks flowing, poll caught one", lastWebhookAgo: 10, foundNew: true, failures: 0, expected: .healthy),
        Case(name: "silent and quiet provider", lastWebhookAgo: 3600, foundNew: false, failures: 0, expected: .healthy),
        Case(name: "silent while the provider has new events", lastWebhookAgo: 900, foundNew: true, failures: 0, expected: .webhookSilence),
        Case(name: "never a webhook while the provider has events", lastWebhookAgo: nil, foundNew: true, failures: 0, expected: .webhookSilence),
        Case(name: "burst of signature failures", lastWebhookAgo: 10, foundNew: false, failures: 5, expected: .signatureFailures),
        Case(name: "a few signature failures", lastWebhookAgo: 10, foundNew: false, failures: 4, expected: .healthy),
    ]

    @Test("chooses the fast interval only while webhooks look unhealthy", arguments: cases)
    func decides(_ c: Case) {
        let cadence = ReconciliationCadence(interval: 300, fastInterval: 30, webhookSilence: 900, signatureFailureBurst: 5)
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let signals = ReconciliationCadence.Signals(
            lastWebhookAt: c.lastWebhookAgo.map { now.addingTimeInterval(-$0) }, lastRunFoundNewEvents: c.foundNew, recentSignatureFailures: c.failures
        )
        let (interval, reason) = cadence.next(signals, now: now)
        #expect(reason == c.expected)
        #expect(interval == (c.expected == .healthy ? 300 : 30))
    }
}

@Suite("Reconciliation service")
struct ReconciliationServiceTests {
    private static let cadence = ReconciliationCadence(interval: 300, fastInterval: 30, webhookSilence: 900, signatureFailureBurst: 3)

    @Test("polls fast while webhooks are silent or failing signatures, normally once they recover")
    func adaptsCadence() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 5)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            let box = ServiceBox()
            let waits = Mutex<[Duration]>([])
            let sleep: @Sendable (Duration) async throws -> Void = { duration in
                let call = waits.withLock { $0.append(duration); return $0.count }
                guard let service = box.service else { throw HarnessError("no service") }
                #expect(service.isRunning)
                switch call {
                case 1:
                    // Webhooks come back: one fresh delivery.
                    try await h.deliverWebhook(h.fake.makeInvoiceEvent(
                        id: "evt_live01", type: "invoice.finalized", created: ReconcileHarness.base + 100, invoice: ReconcileFixtures.invoice("in_live01")
                    ))
                case 2:
                    // A signing secret rotated on Stripe's side: signatures start failing.
                    for _ in 0..<3 { service.noteSignatureFailure() }
                default:
                    throw CancellationError()
                }
            }
            let service = ReconciliationService(
                reconciler: h.reconciler(), store: h.store, cadence: Self.cadence, clock: h.clock, logger: h.logs.logger(), sleep: sleep
            )
            box.service = service

            try await service.run()

            // 1: the poll found 5 events no webhook brought → fast. 2: webhooks flow again → normal. 3: signature burst → fast.
            #expect(waits.withLock { $0 } == [.seconds(30), .seconds(300), .seconds(30)])
            #expect(service.cadenceReason == .signatureFailures)
            #expect(!service.isRunning)
            #expect(service.lastSuccessAt != nil)
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "success")]) == 3)
        }
    }

    @Test("a failing run does not stop the loop, and lag is exported after a successful one")
    func keepsPollingAfterFailure() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 2)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            h.fake.setFaults(.failThenSucceed(count: 4, status: 503))
            let calls = Mutex(0)
            let sleep: @Sendable (Duration) async throws -> Void = { _ in
                if calls.withLock({ $0 += 1; return $0 }) >= 2 { throw CancellationError() }
            }
            let reconciler = h.reconciler()
            let service = ReconciliationService(reconciler: reconciler, store: h.store, cadence: Self.cadence, clock: h.clock, sleep: sleep)

            try await service.run()

            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "failed")]) == 1)
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "success")]) == 1)
            #expect(reconciler.lastError == nil)
            // Caught up at the start of the successful run.
            let lag = try #require(service.lag)
            #expect(lag >= 0 && lag < 60)
            #expect(h.metrics.gauge("invoice_relay_reconciliation_lag_seconds") != nil)
        }
    }

    @Test("a relay that does not lead reconciliation does not poll, and polls once it leads")
    func pollsOnlyWhileLeading() async throws {
        try await ReconcileHarness.run { h in
            ReconcileFixtures.addEvents(h.fake, count: 2)
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            let leads = Atomic<Bool>(false)
            let calls = Mutex(0)
            let sleep: @Sendable (Duration) async throws -> Void = { _ in
                let call = calls.withLock { $0 += 1; return $0 }
                if call == 2 { leads.store(true, ordering: .releasing) }
                if call >= 3 { throw CancellationError() }
            }
            let service = ReconciliationService(
                reconciler: h.reconciler(), store: h.store, cadence: Self.cadence, clock: h.clock, sleep: sleep,
                pollingAllowed: { leads.load(ordering: .acquiring) }
            )

            try await service.run()

            // Two cycles as a follower (no run), then one as the leader.
            #expect(h.metrics.counter("invoice_relay_reconciliation_runs_total", [("outcome", "success")]) == 1)
        }
    }

    @Test("run() returns on cancellation and on graceful shutdown of its service group", arguments: [false, true])
    func stopsOnShutdown(graceful: Bool) async throws {
        try await ReconcileHarness.run { h in
            try await h.seedCursor(at: ReconcileHarness.base - 1)
            let (sleeping, signal) = AsyncStream.makeStream(of: Void.self)
            let sleep: @Sendable (Duration) async throws -> Void = { duration in
                signal.yield()
                try await Task.sleep(for: duration)
            }
            let service = ReconciliationService(
                reconciler: h.reconciler(), store: h.store, cadence: Self.cadence, clock: h.clock, sleep: sleep
            )
            if graceful {
                let group = ServiceGroup(services: [service], logger: Logger(label: "test.group"))
                async let running: Void = group.run()
                for await _ in sleeping { break }
                #expect(service.isRunning)
                await group.triggerGracefulShutdown()
                try await running
            } else {
                let task = Task { try await service.run() }
                for await _ in sleeping { break }
                #expect(service.isRunning)
                task.cancel()
                try await task.value
            }
            #expect(!service.isRunning)
        }
    }
}

/// Lets a closure created before the service reach it.
final class ServiceBox: Sendable {
    private let stored = Mutex<ReconciliationService?>(nil)
    var service: ReconciliationService? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

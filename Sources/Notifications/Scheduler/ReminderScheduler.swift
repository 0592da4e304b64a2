import Foundation
package import InvoiceDomain
package import StoreSeams
package import Logging
package import CoreMetrics
import Synchronization

/// One scheduler instance: each ``runOnce()`` plans due reminders into the outbox, claims a bounded
/// batch under this instance's lease owner id, and processes it with bounded concurrency.
///
/// Several instances (threads, processes, hosts) may share one database: the outbox's unique key and
/// leases make sure each reminder is enqueued once and sent by one instance at a time.
package final class ReminderScheduler: Sendable {
    /// What one tick did.
    package struct TickReport: Sendable, Equatable {
        /// New deliveries written to the outbox by planning.
        package var enqueued = 0
        /// Deliveries claimed and processed.
        package var claimed = 0
        /// Of those, how many were accepted by a provider.
        package var sent = 0
        /// Whether planning or claiming failed (logged).
        package var storeFailed = false
    }

    /// The lease owner id of this instance: unique per process and instance.
    package let leaseOwner: String
    package let configuration: SchedulerConfiguration
    package let router: ProviderRouter

    private let store: any SchedulerStore
    private let clock: any WallClock
    private let metrics: DeliveryMetrics
    private let logger: Logger
    private let planner: ReminderPlanner
    private let worker: DeliveryWorker
    private let stopping = Atomic<Bool>(false)
    /// Whether this instance plans (chooses and enqueues due reminders) now: with several relays on one database,
    /// only the leader plans; every relay claims and sends.
    private let planningAllowed: @Sendable () -> Bool
    /// When the last planning pass ran (`nil` before the first).
    private let lastPlanned = Mutex<Date?>(nil)

    /// - Parameters:
    ///   - store: the invoices to plan for, the outbox and the templates (`SQLiteStore` in production).
    ///   - router: the providers per channel with their breakers and rate limits.
    ///   - engine: renders templates (its SMS segment warning limit applies).
    ///   - clock: "now" for due steps, leases, quiet hours and backoff.
    ///   - metrics: the factory metrics are created on (e.g. the app's Prometheus factory).
    ///   - leaseOwner: defaults to ``makeLeaseOwner()``; give each instance its own.
    ///   - suppressions: where a recipient refused for good at send time (Twilio 21610) is suppressed.
    ///   - planningAllowed: whether this instance leads reminder planning now (always, for a single relay).
    package init(
        store: any SchedulerStore,
        router: ProviderRouter,
        configuration: SchedulerConfiguration,
        engine: TemplateEngine = TemplateEngine(),
        clock: any WallClock,
        metrics: any MetricsFactory,
        logger: Logger,
        leaseOwner: String = ReminderScheduler.makeLeaseOwner(),
        suppressions: (any SuppressionWriter)? = nil,
        planningAllowed: @escaping @Sendable () -> Bool = { true }
    ) {
        self.planningAllowed = planningAllowed
        self.store = store
        self.router = router
        self.configuration = configuration
        self.clock = clock
        self.leaseOwner = leaseOwner
        var logger = logger
        logger[metadataKey: "lease_owner"] = "\(leaseOwner)"
        self.logger = logger
        let metrics = DeliveryMetrics(factory: metrics)
        self.metrics = metrics
        self.planner = ReminderPlanner(store: store, configuration: configuration, router: router, logger: logger)
        self.worker = DeliveryWorker(
            store: store, configuration: configuration, router: router,
            templates: TemplateResolver(store: store, defaultLocale: configuration.defaultLocale),
            engine: engine, clock: clock, jitter: JitterSource(seed: configuration.jitterSeed), metrics: metrics, logger: logger,
            completions: GroupCommit(maxBatchSize: 256) { completions in try await store.completeAll(completions) },
            suppressions: suppressions
        )
    }

    /// `<host>-<pid>-<random>`: identifies the instance in leases and logs.
    package static func makeLeaseOwner() -> String {
        let random = UUID().uuidString.prefix(8).lowercased()
        return "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(random)"
    }

    // MARK: - Ticks

    /// One tick: plan, refresh the outbox gauges, claim up to `batchSize` due deliveries and process
    /// them with at most `concurrency` in flight. Does nothing once ``stop()`` was called.
    @discardableResult
    package func runOnce() async -> TickReport {
        var report = TickReport()
        guard !isStopping else { return report }
        let now = clock.now()
        do {
            if planningAllowed(), shouldPlan(at: now) {
                let planned = try await planner.plan(now: now)
                report.enqueued = planned.enqueued
            }
        } catch {
            report.storeFailed = true
            logger.error("reminder planning failed", metadata: ["error": "\(error)"])
        }
        await refreshGauges(now: now)

        let claimed: [Delivery]
        do {
            claimed = try await store.claimDue(now: clock.now(), limit: configuration.batchSize, owner: leaseOwner, lease: configuration.lease)
        } catch {
            report.storeFailed = true
            logger.error("claiming due deliveries failed", metadata: ["error": "\(error)"])
            return report
        }
        report.claimed = claimed.count
        report.sent = await process(claimed)
        if report.enqueued > 0 || report.claimed > 0 {
            logger.debug("reminder tick", metadata: [
                "enqueued": "\(report.enqueued)", "claimed": "\(report.claimed)", "sent": "\(report.sent)",
            ])
        }
        return report
    }

    /// Runs a planning pass now (what a tick does first when ``SchedulerConfiguration/planInterval`` has passed)
    /// without claiming or sending; the next tick plans again only after the interval.
    /// - Returns: how many deliveries were written to the outbox.
    package func plan() async throws -> Int {
        let now = clock.now()
        lastPlanned.withLock { $0 = now }
        return try await planner.plan(now: now).enqueued
    }

    /// Whether a planning pass is due at `now` (``SchedulerConfiguration/planInterval`` since the last one);
    /// records `now` as the last pass when it is.
    private func shouldPlan(at now: Date) -> Bool {
        lastPlanned.withLock { last in
            if let last, now.timeIntervalSince(last) < configuration.planInterval, now >= last { return false }
            last = now
            return true
        }
    }

    /// Processes `batch` with at most `concurrency` deliveries in flight; stops starting new ones
    /// once ``stop()`` is called (their leases are released by ``releaseLeases()``).
    /// - Returns: how many were sent.
    private func process(_ batch: [Delivery]) async -> Int {
        guard !batch.isEmpty else { return 0 }
        let worker = worker
        let owner = leaseOwner
        let templates = TickTemplates(worker.templates)
        let schedules = TickSchedules(configuration)
        // The pickup checks of the whole batch in one read; a delivery without one reads its own.
        let pickups: [Int64: DeliveryCheck]
        do {
            pickups = try await store.pickupChecks(batch)
        } catch {
            logger.warning("batched pickup checks failed; each delivery reads its own", metadata: ["error": "\(error)"])
            pickups = [:]
        }
        return await withTaskGroup(of: DeliveryMetrics.Outcome.self) { group in
            var next = 0
            var sent = 0
            while next < batch.count, next < configuration.concurrency {
                let delivery = batch[next]
                group.addTask {
                    await worker.process(delivery, owner: owner, templates: templates, schedules: schedules, pickup: pickups[delivery.id])
                }
                next += 1
            }
            while let outcome = await group.next() {
                if outcome == .sent { sent += 1 }
                guard next < batch.count, !isStopping else { continue }
                let delivery = batch[next]
                group.addTask {
                    await worker.process(delivery, owner: owner, templates: templates, schedules: schedules, pickup: pickups[delivery.id])
                }
                next += 1
            }
            return sent
        }
    }

    private func refreshGauges(now: Date) async {
        for (provider, state) in router.circuitStates(now: now) {
            metrics.circuit(provider: provider, state: state)
        }
        do {
            metrics.outbox(try await store.outboxStats(now: now))
        } catch {
            logger.warning("reading outbox stats failed", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Shutdown

    /// Whether ``stop()`` was called.
    package var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Stops claiming and starting deliveries; those in flight finish.
    package func stop() {
        stopping.store(true, ordering: .releasing)
    }

    /// Hands every delivery this instance still leases back to the outbox (graceful shutdown).
    /// Runs even when the calling task is cancelled.
    /// - Returns: how many were released.
    @discardableResult
    package func releaseLeases() async -> Int {
        let store = store
        let owner = leaseOwner
        let clock = clock
        let released = await Task {
            try await store.releaseLeases(owner: owner, now: clock.now())
        }.result
        switch released {
        case .success(let count):
            if count > 0 { logger.info("released delivery leases", metadata: ["count": "\(count)"]) }
            return count
        case .failure(let error):
            logger.error("releasing delivery leases failed; they expire on their own", metadata: ["error": "\(error)"])
            return 0
        }
    }
}

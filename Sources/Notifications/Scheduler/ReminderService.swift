import AsyncAlgorithms
package import Logging
import ServiceLifecycle
import Synchronization

/// Runs a ``ReminderScheduler`` beside the HTTP server (swift-service-lifecycle): one tick at start,
/// then one every `tickInterval`.
///
/// On graceful shutdown it stops claiming and starting deliveries, lets the sends in flight finish
/// (each is bounded by its provider's request timeout; the service group's shutdown timeout bounds
/// the rest), then releases this instance's leases so another instance can pick the work up at once.
package final class ReminderService: Service, Sendable {
    package let scheduler: ReminderScheduler
    private let tickInterval: Duration
    private let logger: Logger
    private let running = Atomic<Bool>(false)

    /// - Parameter tickInterval: time between ticks.
    package init(scheduler: ReminderScheduler, tickInterval: Duration, logger: Logger) {
        self.scheduler = scheduler
        self.tickInterval = tickInterval
        self.logger = logger
    }

    /// Whether the loop is running and not shutting down (readiness).
    package var isRunning: Bool { running.load(ordering: .acquiring) && !scheduler.isStopping }

    package func run() async throws {
        running.store(true, ordering: .releasing)
        logger.info("reminder scheduler started", metadata: ["lease_owner": "\(scheduler.leaseOwner)"])
        await withGracefulShutdownHandler {
            await scheduler.runOnce()
            for await _ in AsyncTimerSequence(interval: tickInterval, clock: .continuous).cancelOnGracefulShutdown() {
                if scheduler.isStopping || Task.isCancelled { break }
                await scheduler.runOnce()
            }
        } onGracefulShutdown: { [scheduler] in
            scheduler.stop()
        }
        scheduler.stop()
        await scheduler.releaseLeases()
        running.store(false, ordering: .releasing)
        logger.info("reminder scheduler stopped")
    }
}

package import Foundation
package import InvoiceDomain
package import StoreSeams
package import Logging
import ServiceLifecycle
import Synchronization

/// Polls the provider on an adaptive cadence, beside the HTTP server and the scheduler in one `ServiceGroup`.
///
/// Each cycle runs ``Reconciler/runOnce(dryRun:since:progress:)`` and then waits the interval
/// ``ReconciliationCadence`` chooses: shorter while webhooks look unhealthy (silent while polls find events, or a
/// burst of signature failures reported through ``noteSignatureFailure()``), normal again once they recover.
/// A failed run is logged and retried next cycle; ``run()`` returns only on graceful shutdown or cancellation (a
/// run in progress is cancelled: the cursor is never ahead of what was committed).
package final class ReconciliationService: Service, Sendable {
    package let reconciler: Reconciler
    package let cadence: ReconciliationCadence
    private let store: any ReconcileStore
    private let clock: any WallClock
    private let logger: Logger
    private let sleep: ReconcileSleep
    /// Whether this instance polls now: with several relays on one database only the leader does.
    private let pollingAllowed: @Sendable () -> Bool

    private struct State {
        var running = false
        var signatureFailures: [Date] = []
        var currentInterval: TimeInterval
        var reason: ReconciliationCadence.Reason = .healthy
    }

    private let state: Mutex<State>

    /// - Parameters:
    ///   - store: Where webhook health is read (``ReconcileStore/lastWebhookReceivedAt(source:)``).
    ///   - sleep: How to wait between polls; tests pass one that returns at once.
    package init(
        reconciler: Reconciler,
        store: any ReconcileStore,
        cadence: ReconciliationCadence,
        clock: any WallClock = SystemClock(),
        logger: Logger = Logger(label: "invoice-relay.reconciliation"),
        sleep: @escaping ReconcileSleep = { try await Task.sleep(for: $0) },
        pollingAllowed: @escaping @Sendable () -> Bool = { true }
    ) {
        self.pollingAllowed = pollingAllowed
        self.reconciler = reconciler
        self.store = store
        self.cadence = cadence
        self.clock = clock
        self.logger = logger
        self.sleep = sleep
        self.state = Mutex(State(currentInterval: cadence.interval))
    }

    // MARK: - Observable state (readiness, alerts)

    /// Whether the polling loop is running.
    package var isRunning: Bool { state.withLock { $0.running } }

    /// When the last reconciliation run completed.
    package var lastSuccessAt: Date? { reconciler.lastSuccessAt }

    /// Seconds behind the provider (see ``Reconciler/lag``).
    package var lag: TimeInterval? { reconciler.lag }

    /// The provider rejected the API key on the last call.
    package var credentialsRejected: Bool { reconciler.credentialsRejected }

    /// The wait chosen after the last run.
    package var currentInterval: TimeInterval { state.withLock { $0.currentInterval } }

    /// Why the current interval was chosen.
    package var cadenceReason: ReconciliationCadence.Reason { state.withLock { $0.reason } }

    // MARK: - Hooks

    /// Reports one webhook signature failure for the reconciled source (wire to the ingest observer).
    package func noteSignatureFailure() {
        let now = clock.now()
        let window = cadence.interval
        state.withLock { state in
            state.signatureFailures.removeAll { now.timeIntervalSince($0) > window }
            state.signatureFailures.append(now)
        }
    }

    // MARK: - Service

    package func run() async throws {
        state.withLock { $0.running = true }
        defer { state.withLock { $0.running = false } }
        logger.info("reconciliation service started", metadata: ["interval_seconds": .stringConvertible(cadence.interval)])
        let reconciler = self.reconciler
        let sleep = self.sleep
        while !Self.stopping {
            do {
                if pollingAllowed() {
                    _ = try await cancelWhenGracefulShutdown { try await reconciler.runOnce() }
                }
            } catch {
                if Self.stopping { break }
                // The reconciler has logged and counted the failure; try again next cycle.
            }
            if Self.stopping { break }
            let interval = await nextInterval()
            do {
                try await cancelWhenGracefulShutdown { try await sleep(.seconds(interval)) }
            } catch {
                break
            }
        }
        logger.info("reconciliation service stopped")
    }

    /// Decides the next wait from webhook health and records it.
    func nextInterval() async -> TimeInterval {
        let now = clock.now()
        let lastWebhookAt: Date?
        do {
            lastWebhookAt = try await store.lastWebhookReceivedAt(source: reconciler.configuration.source)
        } catch {
            logger.warning("reconciliation: cannot read webhook health", metadata: ["error": .string("\(error)")])
            lastWebhookAt = nil
        }
        let window = cadence.interval
        let failures = state.withLock { state in
            state.signatureFailures.removeAll { now.timeIntervalSince($0) > window }
            return state.signatureFailures.count
        }
        let foundNew = (reconciler.lastReport.map { $0.mode == .events && $0.recovered > 0 }) ?? false
        let signals = ReconciliationCadence.Signals(
            lastWebhookAt: lastWebhookAt, lastRunFoundNewEvents: foundNew, recentSignatureFailures: failures
        )
        let (interval, reason) = cadence.next(signals, now: now)
        let previous = state.withLock { state in
            defer { (state.currentInterval, state.reason) = (interval, reason) }
            return state.reason
        }
        if previous != reason {
            let level: Logger.Level = reason == .healthy ? .notice : .warning
            logger.log(level: level, "reconciliation cadence changed", metadata: [
                "reason": .string(reason.rawValue), "interval_seconds": .stringConvertible(interval),
            ])
        }
        return interval
    }

    private static var stopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}

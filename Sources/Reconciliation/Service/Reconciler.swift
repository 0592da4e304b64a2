package import CoreMetrics
package import Foundation
package import InvoiceDomain
package import Logging
package import StoreSeams
import Synchronization

/// What a ``Reconciler`` needs from storage: the cursor, idempotent event intake and drift correction, plus
/// invoice reads for dry runs.
package typealias ReconcilerStore = ReconcileStore & InvoiceLookup

/// How the reconciler waits (backoff, `Retry-After`, rate limiting); injected so tests never wait for real.
package typealias ReconcileSleep = @Sendable (Duration) async throws -> Void

/// Makes the provider's API the backstop for missed webhooks: one ``runOnce(dryRun:since:progress:)`` reads every
/// event since the persisted cursor and feeds it through the same idempotent apply path as a webhook.
///
/// Guarantees:
/// - **Idempotent**: events are keyed `(source, evt_id)`; one already received by webhook (or an earlier run)
///   changes nothing and is counted as already known.
/// - **No gaps**: a window is fetched completely (newest first, as Stripe lists it), then applied oldest first, one
///   page per transaction that also moves the cursor. A crash or error at any point leaves the cursor at the
///   newest *committed* event; the next run re-reads from there minus the overlap.
/// - **Retention fallback**: with no cursor, or one older than the provider keeps events, the run sweeps
///   invoices instead (`GET /v1/invoices` by status), correcting local state and recording drift, then sets the
///   cursor to the sweep's start minus the overlap.
///
/// Observable state (``credentialsRejected``, ``lastSuccessAt``, ``lag``) is readable synchronously for
/// readiness probes and alerts.
package final class Reconciler: Sendable {
    package let configuration: ReconcilerConfiguration
    let client: StripeAPIClient
    let store: any ReconcilerStore
    let clock: any WallClock
    let logger: Logger
    let sleep: ReconcileSleep
    let metrics: ReconciliationMetrics
    let jitter: JitterSource

    struct State {
        var running = false
        var credentialsRejected = false
        var lastSuccessAt: Date?
        var lastReport: ReconcileReport?
        var lastError: String?
        /// `created` of the newest provider event committed (or the cursor's, at start-up).
        var newestEventAt: Date?
        /// Start of the last complete run: nothing older was left unread.
        var caughtUpTo: Date?
        var bucket: TokenBucket
    }

    let state: Mutex<State>

    /// - Parameters:
    ///   - client: The Stripe API client; its pinned `Stripe-Version` is the version events are compared with.
    ///   - store: Cursor, event intake and invoices (`SQLiteStore` in production).
    ///   - metrics: Factory for the `invoice_relay_reconciliation_*` metrics (never the global bootstrap).
    ///   - sleep: How to wait; tests pass a recorder that returns at once.
    package init(
        client: StripeAPIClient,
        store: any ReconcilerStore,
        configuration: ReconcilerConfiguration = ReconcilerConfiguration(),
        clock: any WallClock = SystemClock(),
        metrics: any MetricsFactory,
        logger: Logger = Logger(label: "invoice-relay.reconciliation"),
        sleep: @escaping ReconcileSleep = { try await Task.sleep(for: $0) }
    ) {
        self.client = client
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.sleep = sleep
        self.metrics = ReconciliationMetrics(factory: metrics, provider: "stripe")
        self.jitter = JitterSource(seed: configuration.jitterSeed)
        self.state = Mutex(State(bucket: TokenBucket(ratePerSecond: configuration.requestsPerSecond, burst: configuration.requestBurst)))
    }

    // MARK: - Observable state

    /// The provider rejected the API key (401) on the last call; cleared by the next successful call.
    package var credentialsRejected: Bool { state.withLock { $0.credentialsRejected } }

    /// Whether a run is in progress.
    package var isRunning: Bool { state.withLock { $0.running } }

    /// When the last run (not a dry run) completed.
    package var lastSuccessAt: Date? { state.withLock { $0.lastSuccessAt } }

    /// The last completed run's report.
    package var lastReport: ReconcileReport? { state.withLock { $0.lastReport } }

    /// Why the last run failed, or `nil` when it succeeded.
    package var lastError: String? { state.withLock { $0.lastError } }

    /// `created` of the newest provider event committed so far.
    package var newestEventAt: Date? { state.withLock { $0.newestEventAt } }

    /// How far behind the provider we may be: now − the newest provider event committed, or now − the start of the
    /// last complete run when that is later (a complete run proves nothing older was missed, so a quiet account
    /// does not look lagging). `nil` before anything is known.
    package var lag: TimeInterval? {
        let (newest, caughtUp) = state.withLock { ($0.newestEventAt, $0.caughtUpTo) }
        guard let reference = [newest, caughtUp].compactMap({ $0 }).max() else { return nil }
        return max(0, clock.now().timeIntervalSince(reference))
    }

    // MARK: - Run

    /// Runs one reconciliation: events since the cursor, or an invoice sweep when the cursor is missing or older
    /// than the provider's event retention.
    ///
    /// - Parameters:
    ///   - dryRun: Read and compare only: no event is stored, no invoice corrected, the cursor does not move.
    ///   - since: Read events created at or after this instant instead of the cursor minus the overlap (and never
    ///     sweep). The cursor only advances when this window reaches back to it, so a later `since` never
    ///     leaves a gap behind the cursor.
    ///   - progress: Called after each page fetched, applied or swept.
    /// - Returns: What the run did.
    /// - Throws: ``ReconcileError`` for provider failures (401 stops at once; 5xx/429/timeouts after the
    ///   configured retries); storage errors as thrown by the store. The cursor stays at the last committed page.
    package func runOnce(
        dryRun: Bool = false,
        since: Date? = nil,
        progress: (@Sendable (ReconcileProgress) -> Void)? = nil
    ) async throws -> ReconcileReport {
        let started = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            return true
        }
        guard started else { throw ReconcileError.alreadyRunning }
        defer { state.withLock { $0.running = false } }

        let startedAt = clock.now()
        do {
            let cursor = try await store.cursor(source: configuration.source)
            if let cursor { noteCommitted(created: cursor.lastCreated) }
            var report: ReconcileReport
            if since == nil, needsSweep(cursor, now: startedAt) {
                logger.notice("reconciliation: sweeping invoices", metadata: [
                    "reason": .string(cursor == nil ? "no cursor (first run)" : "cursor older than the event retention"),
                    "dry_run": .stringConvertible(dryRun),
                ])
                report = try await sweep(cursor: cursor, dryRun: dryRun, startedAt: startedAt, progress: progress)
            } else {
                report = try await reconcileEvents(cursor: cursor, since: since, dryRun: dryRun, startedAt: startedAt, progress: progress)
            }
            report.finishedAt = clock.now()
            finish(report)
            return report
        } catch let error as ReconcileError where error.kind == .unauthorized {
            fail(.unauthorized, error.description)
            throw error
        } catch where error is CancellationError || Task.isCancelled {
            fail(.cancelled, "cancelled")
            logger.info("reconciliation run cancelled; the cursor stays at the last committed page")
            throw error
        } catch {
            fail(.failed, "\(error)")
            logger.error("reconciliation run failed", metadata: ["error": .string("\(error)")])
            throw error
        }
    }

    // MARK: - Bookkeeping

    func needsSweep(_ cursor: ReconcileCursor?, now: Date) -> Bool {
        guard let cursor else { return true }
        let lastCreated = Date(timeIntervalSince1970: TimeInterval(cursor.lastCreated))
        return now.timeIntervalSince(lastCreated) > configuration.eventRetention
    }

    /// Records that events up to `created` are committed.
    func noteCommitted(created: Int64) {
        let date = Date(timeIntervalSince1970: TimeInterval(created))
        state.withLock { state in
            if state.newestEventAt.map({ $0 < date }) ?? true { state.newestEventAt = date }
        }
    }

    /// Counts a run that did not complete; the lag gauge keeps growing so a stuck reconciler still alerts.
    private func fail(_ outcome: ReconciliationMetrics.Outcome, _ reason: String) {
        metrics.run(outcome)
        state.withLock { $0.lastError = reason }
        if let lag { metrics.lag(lag) }
    }

    private func finish(_ report: ReconcileReport) {
        if report.dryRun {
            metrics.run(.dryRun)
        } else {
            metrics.run(.success)
            metrics.recovered(report.recovered)
            metrics.apiVersionDrift(report.apiVersionDrift)
            metrics.driftCorrections(report.driftCorrections)
        }
        state.withLock { state in
            state.lastReport = report
            state.lastError = nil
            if !report.dryRun {
                state.lastSuccessAt = report.finishedAt
                if report.cursorMoved { state.caughtUpTo = report.startedAt }
            }
        }
        if let lag { metrics.lag(lag) }
        logger.info("reconciliation run finished", metadata: [
            "mode": .string(report.mode.rawValue), "dry_run": .stringConvertible(report.dryRun),
            "pages": .stringConvertible(report.pages), "events_seen": .stringConvertible(report.eventsSeen),
            "applied": .stringConvertible(report.applied), "already_known": .stringConvertible(report.alreadyKnown),
            "quarantined": .stringConvertible(report.quarantined), "api_version_drift": .stringConvertible(report.apiVersionDrift),
            "drift_corrections": .stringConvertible(report.driftCorrections),
        ])
    }
}

import AsyncAlgorithms
package import CoreMetrics
package import Foundation
package import InvoiceDomain
package import Logging
import ServiceLifecycle
package import StoreSeams
import Synchronization

/// Which relay runs each singleton role (``LeaderRole``) when several share one database: a lease row per role,
/// taken and renewed every third of ``duration`` by its holder, taken over by another relay once it lapses (at
/// most ``duration`` after the holder died; at once when the holder shuts down cleanly and resigns).
///
/// The holder trusts its own term only for two thirds of the lease (measured on its monotonic clock from when it
/// asked), so it stops acting before another relay may start, even if a renewal is late. Leadership saves
/// duplicate work; it is not what keeps work single: planning and reconciliation are idempotent in the store.
///
/// Without leases (SQLite: one process) this relay leads every role.
package final class Leadership: Service, Sendable {
    package let holder: String
    package let duration: TimeInterval
    private let leases: (any LeaderLeases)?
    /// The roles this relay competes for: those whose service it runs (see ``play(_:)``).
    private let playing: Mutex<[LeaderRole]>
    private var roles: [LeaderRole] { playing.withLock { $0 } }
    private let gauges: [LeaderRole: Gauge]
    private let logger: Logger
    /// Until when (monotonic) this relay may act as each role's leader.
    private let terms = Mutex<[LeaderRole: ContinuousClock.Instant]>([:])
    /// Set by ``suspendForTesting()``: renewals stop as if the process had died.
    private let suspended = Atomic<Bool>(false)

    package init(leases: (any LeaderLeases)?, holder: String, duration: TimeInterval, roles: [LeaderRole] = LeaderRole.allCases,
                 metrics: any MetricsFactory, logger: Logger) {
        self.leases = leases
        self.holder = holder
        self.duration = max(duration, 1)
        self.playing = Mutex(roles)
        self.logger = logger
        self.gauges = Dictionary(uniqueKeysWithValues: LeaderRole.allCases.map { role in
            (role, Gauge(label: MetricName.leader.rawValue, dimensions: [(MetricLabel.role.rawValue, role.rawValue)], factory: metrics))
        })
        if leases == nil { for role in roles { gauges[role]?.record(1) } }
    }

    /// Narrows the roles this relay competes for to those it can play (set before ``run()``): a relay whose
    /// reminders are off must not hold the planning lease, or no relay would plan.
    package func play(_ roles: [LeaderRole]) {
        playing.withLock { $0 = roles }
    }

    /// Whether this relay leads `role` now.
    package func isLeader(_ role: LeaderRole) -> Bool {
        guard leases != nil else { return true }
        guard let until = terms.withLock({ $0[role] }) else { return false }
        return ContinuousClock.now < until
    }

    /// Each role and whether this relay leads it (the readiness details).
    package var roleStates: [(role: LeaderRole, isLeader: Bool)] { roles.map { ($0, isLeader($0)) } }

    /// Takes or renews every role's lease once.
    package func renew() async {
        guard let leases, !suspended.load(ordering: .acquiring) else { return }
        for role in roles {
            let asked = ContinuousClock.now
            let held: Bool
            do {
                held = try await leases.acquireLeadership(role: role.rawValue, holder: holder, duration: duration)
            } catch {
                logger.warning("leadership: cannot renew the lease", metadata: ["role": "\(role.rawValue)", "error": "\(error)"])
                held = false
            }
            let was = isLeader(role)
            terms.withLock { $0[role] = held ? asked + .milliseconds(Int64(duration * 1000 * 2 / 3)) : nil }
            gauges[role]?.record(held ? 1 : 0)
            if held != was {
                logger.notice(held ? "leadership: took the role" : "leadership: lost the role", metadata: ["role": "\(role.rawValue)", "holder": "\(holder)"])
            }
        }
    }

    /// Resigns every role this relay holds, so another takes over without waiting for the lease to lapse.
    package func resign() async {
        guard let leases else { return }
        terms.withLock { $0 = [:] }
        for role in roles {
            try? await leases.releaseLeadership(role: role.rawValue, holder: holder)
            gauges[role]?.record(0)
        }
    }

    /// Tests: behave like a relay that died — act as no role's leader and stop renewing, leaving the lease rows to
    /// lapse (no resignation), so another relay's takeover time can be measured.
    package func suspendForTesting() {
        suspended.store(true, ordering: .releasing)
        terms.withLock { $0 = [:] }
    }

    package func run() async throws {
        guard leases != nil else {
            try? await gracefulShutdown()
            return
        }
        await renew()
        let interval = Duration.milliseconds(Int64(duration * 1000 / 3))
        for await _ in AsyncTimerSequence(interval: interval, clock: .continuous).cancelOnGracefulShutdown() {
            if Task.isCancelled { break }
            await renew()
        }
        await resign()
    }
}

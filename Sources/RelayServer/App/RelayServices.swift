package import AsyncHTTPClient
import InvoiceDomain
import InvoiceStore
package import Notifications
package import PostgresStore
package import Reconciliation
package import ServiceLifecycle
import NIOCore

/// The long-lived resources that run beside the HTTP server, each a `Service` of the application's one
/// `ServiceGroup`.
///
/// They start in the order of ``all`` and stop in reverse, after the HTTP server (which the group starts last and
/// stops first): the server stops taking requests and finishes those in flight; the reminder scheduler stops
/// claiming, lets its sends finish and releases its leases; the reconciliation poller and the alert monitor stop;
/// the WAL checkpointer makes its last checkpoint; the HTTP clients the others used are shut down; leadership
/// resigns its roles (another relay takes over at once); and the PostgreSQL pool, which every other service
/// queries, closes last.
package struct RelayServices: Sendable {
    /// The PostgreSQL pool (PostgreSQL only): first to start, last to stop.
    package var postgres: PostgresClientService?
    /// Who leads reminder planning and reconciliation polling among relays sharing the database.
    package var leadership: Leadership?
    package var reminders: ReminderService?
    package var reconciliation: ReconciliationService?
    package var alerts: AlertMonitor?
    package var checkpoints: CheckpointService?
    /// HTTP clients for the providers, Stripe and the alert webhook, shut down after everything that uses them.
    package var httpClients: [HTTPClientService] = []
    package var readiness = ReadinessChecks()

    /// Every service, in start order (stop order is the reverse).
    package var all: [any Service] {
        var services: [any Service] = []
        if let postgres { services.append(postgres) }
        if let leadership { services.append(leadership) }
        services += httpClients as [any Service]
        if let checkpoints { services.append(checkpoints) }
        if let alerts { services.append(alerts) }
        if let reconciliation { services.append(reconciliation) }
        if let reminders { services.append(reminders) }
        return services
    }
}

/// Owns an `HTTPClient` for the length of the service group: shuts it down on graceful shutdown, after every
/// service started later (its users) has stopped.
package struct HTTPClientService: Service {
    package let client: HTTPClient

    package init(_ client: HTTPClient) {
        self.client = client
    }

    package func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

/// Runs the ``WALCheckpointer`` beside the server until graceful shutdown.
package struct CheckpointService: Service {
    let checkpointer: WALCheckpointer

    package func run() async throws {
        await cancelWhenGracefulShutdown { await checkpointer.run() }
    }
}

extension RelayApp {
    /// Builds every enabled background service and the readiness probes that watch them.
    /// - Parameter ownsDatabase: whether this app opened the database file (then it runs its checkpointer).
    func makeServices(ownsDatabase: Bool) async throws -> RelayServices {
        let config = configuration
        var services = RelayServices()
        services.postgres = postgres
        let leadership = Leadership(
            leases: leaderLeases, holder: ReminderScheduler.makeLeaseOwner(), duration: config.database.leaseSeconds,
            metrics: metrics, logger: options.logger
        )
        do {
            if ownsDatabase, config.database.checkpointIntervalMilliseconds > 0 {
                services.checkpoints = CheckpointService(checkpointer: try WALCheckpointer(
                    path: config.database.path, interval: .milliseconds(config.database.checkpointIntervalMilliseconds),
                    busyTimeout: config.database.busyTimeoutSeconds
                ))
            }
            if config.reminders.enabled {
                let client = makeProviderHTTPClient()
                services.httpClients.append(HTTPClientService(client))
                services.reminders = try makeReminderService(httpClient: client, leadership: leadership)
            }
            if config.reconciliation.enabled {
                let client = makeReconciliationHTTPClient()
                services.httpClients.append(HTTPClientService(client))
                services.reconciliation = makeReconciliationService(reconciler: try makeReconciler(httpClient: client), leadership: leadership)
            }
            var alertClient: HTTPClient?
            if config.alerts.webhookURL != nil {
                let client = HTTPClient(
                    eventLoopGroupProvider: .singleton,
                    configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(5)))
                )
                services.httpClients.append(HTTPClientService(client))
                alertClient = client
            }
            services.alerts = AlertMonitor(settings: config.alerts, signals: alertSignals, metrics: metrics, logger: options.logger, httpClient: alertClient)
        } catch {
            // A client must be shut down before it is released, even when the build fails half-way.
            for service in services.httpClients { try? await service.client.shutdown() }
            throw error
        }
        // A relay competes only for the roles whose service it runs: one whose reminders are off (or have no
        // provider) must not hold the planning lease, or no relay would plan.
        var roles: [LeaderRole] = []
        if services.reminders != nil { roles.append(.reminderPlanning) }
        if services.reconciliation != nil { roles.append(.reconciliation) }
        leadership.play(roles)
        if leaderLeases != nil, !roles.isEmpty { services.leadership = leadership }
        var probes: [(name: String, isHealthy: @Sendable () -> Bool)] = []
        if let reminders = services.reminders { probes.append(("scheduler", { reminders.isRunning })) }
        if let reconciliation = services.reconciliation { probes += reconciliationProbes(reconciliation) }
        services.readiness = ReadinessChecks(probes: probes, leadership: services.leadership)
        return services
    }
}

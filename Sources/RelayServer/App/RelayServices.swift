package import AsyncHTTPClient
import InvoiceStore
package import Notifications
package import Reconciliation
package import ServiceLifecycle
import NIOCore

/// The long-lived resources that run beside the HTTP server, each a `Service` of the application's one
/// `ServiceGroup`.
///
/// They start in the order of ``all`` and stop in reverse, after the HTTP server (which the group starts last and
/// stops first): the server stops taking requests and finishes those in flight; the reminder scheduler stops
/// claiming, lets its sends finish and releases its leases; the reconciliation poller and the alert monitor stop;
/// the WAL checkpointer makes its last checkpoint; and the HTTP clients the others used are shut down last.
package struct RelayServices: Sendable {
    package var reminders: ReminderService?
    package var reconciliation: ReconciliationService?
    package var alerts: AlertMonitor?
    package var checkpoints: CheckpointService?
    /// HTTP clients for the providers, Stripe and the alert webhook, shut down after everything that uses them.
    package var httpClients: [HTTPClientService] = []
    package var readiness = ReadinessChecks()

    /// Every service, in start order (stop order is the reverse).
    package var all: [any Service] {
        var services: [any Service] = httpClients
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
                services.reminders = try makeReminderService(httpClient: client)
            }
            if config.reconciliation.enabled {
                let client = makeReconciliationHTTPClient()
                services.httpClients.append(HTTPClientService(client))
                services.reconciliation = makeReconciliationService(reconciler: try makeReconciler(httpClient: client))
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
        var probes: [(name: String, isHealthy: @Sendable () -> Bool)] = []
        if let reminders = services.reminders { probes.append(("scheduler", { reminders.isRunning })) }
        if let reconciliation = services.reconciliation { probes += reconciliationProbes(reconciliation) }
        services.readiness = ReadinessChecks(probes: probes)
        return services
    }
}

import AsyncHTTPClient
import Foundation
import InvoiceStore
import Notifications
import Reconciliation
import ServiceLifecycle

/// The background services beside the HTTP server — reminder scheduler, reconciliation poller,
/// alert monitor — built from configuration, plus the readiness checks that watch them.
public struct RelayRuntime: Sendable {
    public var reminders: ReminderService?
    public var reconciliation: ReconciliationService?
    public var alerts: AlertMonitor
    public var checkpoints: CheckpointService?
    public var readiness: ReadinessChecks
    /// HTTP clients owned by the runtime; shut down by ``shutdown()`` after the service group ends.
    let clients: [HTTPClient]

    public var services: [any Service] {
        var services: [any Service] = [alerts]
        if let reminders { services.append(reminders) }
        if let reconciliation { services.append(reconciliation) }
        if let checkpoints { services.append(checkpoints) }
        return services
    }

    public func shutdown() async {
        for client in clients { try? await client.shutdown() }
    }
}

extension RelayApp {
    /// Builds every enabled background service.
    /// - Throws: ``ConfigurationError`` for missing provider or Stripe secrets, invalid templates, bad settings.
    public func makeRuntime() async throws -> RelayRuntime {
        var clients: [HTTPClient] = []
        try await seedTemplates()
        let reminders = try await makeReminderService()
        var reconciliation: ReconciliationService?
        do {
            let client = makeReconciliationHTTPClient()
            if let reconciler = try makeReconciler(httpClient: client) {
                reconciliation = makeReconciliationService(reconciler: reconciler)
                clients.append(client)
            } else {
                try await client.shutdown()
            }
        }
        var alertClient: HTTPClient?
        if options.configuration.alerts.webhookURL != nil {
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(5))))
            clients.append(client)
            alertClient = client
        }
        let alerts = AlertMonitor(settings: options.configuration.alerts, signals: alertSignals, metrics: metrics, logger: options.logger, httpClient: alertClient)
        var probes: [(name: String, isHealthy: @Sendable () -> Bool)] = []
        if let reminders { probes.append(("scheduler", { reminders.isRunning })) }
        if let reconciliation { probes += reconciliationProbes(reconciliation) }
        return RelayRuntime(
            reminders: reminders, reconciliation: reconciliation, alerts: alerts, checkpoints: checkpointer.map(CheckpointService.init),
            readiness: ReadinessChecks(probes: probes), clients: clients
        )
    }
}

extension RelayApp {
    /// Validates the shipped templates and stores those without a version yet, so the admin API and CLI
    /// see them whether or not a provider is configured. Idempotent.
    /// - Throws: ``TemplateProblem`` naming file, line and column of a broken shipped template.
    public func seedTemplates() async throws {
        let config = options.configuration
        let engine = TemplateEngine(smsSegmentWarningLimit: config.reminders.smsSegmentWarningLimit)
        let directory = URL(fileURLWithPath: config.reminders.templatesDirectory)
        let seeded = try await TemplateSeeder.seed(from: directory, engine: engine, into: store, now: options.clock.now())
        if seeded > 0 { options.logger.info("templates seeded", metadata: ["directory": "\(directory.path)", "new_versions": "\(seeded)"]) }
    }
}

/// Runs the ``WALCheckpointer`` beside the server until graceful shutdown.
public struct CheckpointService: Service {
    let checkpointer: WALCheckpointer

    public func run() async throws {
        await cancelWhenGracefulShutdown { await checkpointer.run() }
    }
}

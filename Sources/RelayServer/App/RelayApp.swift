import Foundation
import Hummingbird
import InvoiceDomain
import InvoiceStore
import CoreMetrics
import Logging
import Prometheus
import ServiceLifecycle
import WebhookIngest

/// Everything the service is made of, built from configuration. `invoice-relay serve` and the
/// integration tests both build the service through ``RelayApp/build(_:)`` so they run the same thing.
public struct RelayApp: Sendable {
    /// Inputs to building the service. Tests replace the clock, the environment and the database.
    public struct Options: Sendable {
        public var configuration: RelayConfiguration
        public var secrets: SecretResolver
        public var clock: any WallClock
        public var logger: Logger
        /// Use this database instead of opening `configuration.database.path`.
        public var database: AppDatabase?
        /// `false` for tools that receive no webhooks (e.g. `invoice-relay reconcile`): sources whose secrets
        /// are not set are left out instead of stopping startup.
        public var requireWebhookSecrets = true

        public init(configuration: RelayConfiguration, secrets: SecretResolver = SecretResolver(), clock: any WallClock = SystemClock(), logger: Logger = Logger(label: "invoice-relay"), database: AppDatabase? = nil) {
            self.configuration = configuration
            self.secrets = secrets
            self.clock = clock
            self.logger = logger
            self.database = database
        }
    }

    public let options: Options
    public let database: AppDatabase
    public let store: SQLiteStore
    public let registry: PrometheusCollectorRegistry
    /// Every metric goes through this factory: Prometheus (for `/metrics`) plus the alert signal taps.
    public let metrics: any MetricsFactory
    public let alertSignals: AlertSignals
    public let ingestor: WebhookIngestor
    /// Copies the WAL into the database file off the writer's path (`nil` when disabled or the database was injected).
    public let checkpointer: WALCheckpointer?

    /// Opens the database (migrating it) and resolves every secret.
    /// - Throws: ``ConfigurationError`` for a missing secret; database errors when the file cannot be opened.
    public init(_ options: Options) throws {
        self.options = options
        let config = options.configuration
        let database = try options.database ?? AppDatabase.open(
            path: config.database.path,
            synchronous: AppDatabase.Synchronous(rawValue: config.database.synchronous) ?? .full,
            busyTimeout: config.database.busyTimeoutSeconds,
            walAutocheckpointPages: config.database.walAutocheckpointPages
        )
        self.database = database
        // Background checkpoints for the file this app opened (an injected database is the caller's business).
        self.checkpointer = options.database == nil && config.database.checkpointIntervalMilliseconds > 0
            ? try WALCheckpointer(
                path: config.database.path, interval: .milliseconds(config.database.checkpointIntervalMilliseconds),
                busyTimeout: config.database.busyTimeoutSeconds
            )
            : nil
        self.store = SQLiteStore(database)
        self.registry = PrometheusCollectorRegistry()
        var metrics = PrometheusMetricsFactory(registry: registry)
        metrics.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        let clock = options.clock
        self.alertSignals = AlertSignals(window: config.alerts.windowSeconds, clock: { clock.now() })
        self.metrics = MultiplexMetricsHandler(factories: [metrics, alertSignals])
        let sources = options.requireWebhookSecrets
            ? try SourceFactory.make(config.sources, secrets: options.secrets)
            : config.sources.compactMap { try? SourceFactory.make([$0], secrets: options.secrets).first }
        let batcher = IngestBatcher(
            store: store, maxBatchSize: config.ingest.maxBatchSize, maxDelay: .milliseconds(config.ingest.maxBatchDelayMilliseconds)
        )
        self.ingestor = WebhookIngestor(sources: sources, batcher: batcher, clock: options.clock)
    }

    /// The HTTP application with its routes, running `runtime`'s background services beside the server.
    public func application(
        runtime: RelayRuntime? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        let reconciliation = runtime?.reconciliation
        let reconciledSource = options.configuration.reconciliation.source
        let observer = IngestObserver(
            factory: metrics,
            onSignatureFailure: { source in if source == reconciledSource { reconciliation?.noteSignatureFailure() } }
        )
        let readiness = runtime?.readiness ?? ReadinessChecks()
        let services = runtime?.services ?? []
        WebhookRoutes(
            ingestor: ingestor, sources: options.configuration.sources.map(\.name),
            maxBodyBytes: options.configuration.server.maxBodyBytes, observer: observer
        ).register(on: router)
        HealthRoutes(probe: store, registry: registry, readiness: readiness).register(on: router)
        AdminRoutes(relay: self).register(on: router)
        let server = options.configuration.server
        return Application(
            router: router,
            configuration: .init(address: .hostname(server.host, port: server.port), serverName: "invoice-relay"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? server.port) },
            logger: options.logger
        )
    }
}

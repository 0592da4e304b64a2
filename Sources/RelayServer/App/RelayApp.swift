import Foundation
import Hummingbird
package import InvoiceDomain
package import InvoiceStore
package import PostgresStore
package import StoreSeams
package import CoreMetrics
import DeliveryFeedback
package import Logging
import Notifications
package import Prometheus
import Reconciliation
import ServiceLifecycle
package import WebhookIngest
package import RelayAdmin

/// Everything the service is made of, built from typed configuration by ``build(_:)``, the one builder that
/// `serve`, the operator commands (`migrate`, admin tools, `reconcile`) and the integration tests share, as
/// Hummingbird's template separates `buildApplication` from the command that runs it.
///
/// ``application(onServerRunning:)`` then runs it: the HTTP server and every long-lived resource as services of
/// one `ServiceGroup` (see ``RelayServices`` for the order in which they start and stop).
package struct RelayApp: Sendable {
    /// Inputs to building the service. Tests replace the clock, the environment and the database.
    package struct Options: Sendable {
        package var configuration: RelayConfiguration
        package var secrets: SecretResolver
        package var clock: any WallClock
        package var logger: Logger
        /// Use this SQLite database instead of opening `configuration.database` (SQLite only).
        package var database: AppDatabase?
        package var purpose: Purpose

        package init(
            configuration: RelayConfiguration, secrets: SecretResolver = SecretResolver(), clock: any WallClock = SystemClock(),
            logger: Logger = Logger(label: "invoice-relay"), database: AppDatabase? = nil, purpose: Purpose = .serve
        ) {
            self.configuration = configuration
            self.secrets = secrets
            self.clock = clock
            self.logger = logger
            self.database = database
            self.purpose = purpose
        }
    }

    /// What a build is for: it decides which parts are made and which secrets must be present.
    package enum Purpose: Sendable {
        /// `serve`: the HTTP server with every enabled background service; every enabled source needs its secret.
        case serve
        /// The HTTP server without background services (tests drive the scheduler or reconciler by hand).
        case serverOnly
        /// An operator command: storage and the admin service; sources whose secrets are unset are left out and no
        /// background service is made. Shipped templates are loaded when their folder exists.
        case tool
    }

    package let options: Options
    package var configuration: RelayConfiguration { options.configuration }
    /// The SQLite database (`nil` on PostgreSQL): for SQLite-only tools and tests.
    package let database: AppDatabase?
    /// Every storage seam, whatever the backend: each consumer takes the protocol it needs from it.
    package let store: any RelayStore
    /// The PostgreSQL pool (`nil` on SQLite). It runs from the build on; ``application(onServerRunning:)`` stops it
    /// last, and commands that run no service group call ``shutdown()``.
    package let postgres: PostgresClientService?
    /// The lease store for singleton roles (`nil` on SQLite, where this relay leads every role).
    package let leaderLeases: (any LeaderLeases)?
    package let registry: PrometheusCollectorRegistry
    /// Every metric goes through this factory: Prometheus (for `/metrics`) plus the alert signal taps.
    package let metrics: any MetricsFactory
    package let alertSignals: AlertSignals
    package let ingestor: WebhookIngestor
    package let admin: AdminService
    /// Provider callbacks (delivery statuses, bounces, STOP); `nil` for operator commands.
    let feedback: FeedbackProcessor?
    /// The long-lived resources beside the HTTP server (empty for ``Purpose/serverOnly`` and ``Purpose/tool``).
    package private(set) var services: RelayServices

    /// Builds the service: opens (and migrates) the database, resolves every secret, loads the shipped
    /// templates once, and makes every enabled background service.
    /// - Throws: ``ConfigurationError`` for a missing secret or templates folder, ``TemplateProblem`` for a broken
    ///   shipped template, database errors when the file cannot be opened.
    package static func build(_ options: Options) async throws -> RelayApp {
        let backend = try await openBackend(options)
        do {
            return try await build(options, backend: backend)
        } catch {
            await backend.postgres?.shutdown()
            throw error
        }
    }

    private static func build(_ options: Options, backend: Backend) async throws -> RelayApp {
        let config = options.configuration
        let store = backend.store
        let registry = PrometheusCollectorRegistry()
        var prometheus = PrometheusMetricsFactory(registry: registry)
        prometheus.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
        ]
        let clock = options.clock
        let alertSignals = AlertSignals(window: config.alerts.windowSeconds, clock: { clock.now() })
        let metrics = MultiplexMetricsHandler(factories: [prometheus, alertSignals])
        let sources = try SourceFactory.make(config.sources, secrets: options.secrets, skippingUnset: options.purpose == .tool)
        let batcher = IngestBatcher(
            store: store, maxBatchSize: config.ingest.maxBatchSize, maxDelay: .milliseconds(config.ingest.maxBatchDelayMilliseconds)
        )
        let ingestor = WebhookIngestor(sources: sources, batcher: batcher, clock: clock)
        try await TemplateLoading.seed(config.reminders, purpose: options.purpose, store: store, clock: clock, logger: options.logger)

        var relay = RelayApp(
            options: options, database: backend.database, store: store, postgres: backend.postgres, leaderLeases: backend.leaderLeases,
            registry: registry, metrics: metrics, alertSignals: alertSignals,
            ingestor: ingestor,
            admin: AdminService(
                store: store, scheduler: ReminderWiring.schedulerConfiguration(config),
                smsSegmentWarningLimit: config.reminders.smsSegmentWarningLimit, clock: clock
            ),
            feedback: options.purpose == .tool ? nil : try makeFeedbackProcessor(config, secrets: options.secrets, store: store, clock: clock, metrics: metrics, logger: options.logger),
            services: RelayServices()
        )
        switch options.purpose {
        case .serve:
            relay.services = try await relay.makeServices(ownsDatabase: config.database.driver == .sqlite && options.database == nil)
        case .serverOnly:
            // The pool still runs in the group, so the group closes it.
            relay.services.postgres = backend.postgres
        case .tool:
            break
        }
        return relay
    }

    /// Closes what the build opened and no service group will: the PostgreSQL pool of an operator command.
    package func shutdown() async {
        await postgres?.shutdown()
    }

    /// The storage a build uses.
    struct Backend {
        var store: any RelayStore
        var database: AppDatabase?
        var postgres: PostgresClientService?
        var leaderLeases: (any LeaderLeases)?
    }

    /// Opens the configured backend and brings its schema up to date.
    static func openBackend(_ options: Options) async throws -> Backend {
        let settings = options.configuration.database
        switch settings.driver {
        case .sqlite:
            let database = try options.database ?? openDatabase(settings)
            return Backend(store: SQLiteStore(database), database: database)
        case .postgres:
            let service = try openPostgres(settings, secrets: options.secrets, logger: options.logger)
            do {
                try await PostgresMigrations.migrate(service.client, logger: options.logger)
            } catch {
                await service.shutdown()
                throw ConfigurationError("database.url: cannot migrate the PostgreSQL database: \(String(reflecting: error))")
            }
            let store = PostgresStore(client: service.client, logger: options.logger)
            return Backend(store: store, postgres: service, leaderLeases: store)
        }
    }

    /// Makes (and starts) the PostgreSQL pool the settings describe.
    /// - Throws: ``ConfigurationError`` when the settings name no server or the password secret is missing.
    package static func openPostgres(_ settings: DatabaseSettings, secrets: SecretResolver, logger: Logger) throws -> PostgresClientService {
        guard var endpoint = settings.postgres else { throw ConfigurationError("database.url: required for driver \"postgres\"") }
        if let reference = settings.password { endpoint.password = try secrets.require(reference, for: "database.password") }
        return PostgresClientService(configuration: endpoint.clientConfiguration(tls: settings.tls, poolSize: settings.poolSize), logger: logger)
    }

    /// Creates or upgrades the schema of the configured backend (`invoice-relay migrate`).
    /// - Returns: a description of the database, for the command's output.
    package static func migrate(_ configuration: RelayConfiguration, secrets: SecretResolver, logger: Logger) async throws -> String {
        let settings = configuration.database
        switch settings.driver {
        case .sqlite:
            _ = try openDatabase(settings)
            return "database \(settings.path)"
        case .postgres:
            let service = try openPostgres(settings, secrets: secrets, logger: logger)
            let applied: [String]
            do {
                applied = try await PostgresMigrations.migrate(service.client, logger: logger)
            } catch {
                await service.shutdown()
                throw ConfigurationError("database.url: cannot migrate the PostgreSQL database: \(String(reflecting: error))")
            }
            await service.shutdown()
            let endpoint = settings.postgres.map { "\($0.host):\($0.port)/\($0.database)" } ?? "?"
            return "PostgreSQL database \(endpoint) (applied: \(applied.isEmpty ? "none" : applied.joined(separator: ", ")))"
        }
    }

    /// Opens (creating and migrating) the SQLite database the settings describe: the one way the service and
    /// every operator command open it.
    /// - Throws: ``ConfigurationError`` naming the path when the file cannot be opened or migrated.
    package static func openDatabase(_ settings: DatabaseSettings) throws -> AppDatabase {
        do {
            return try AppDatabase.open(
                path: settings.path,
                synchronous: settings.synchronous.appDatabase,
                busyTimeout: settings.busyTimeoutSeconds,
                walAutocheckpointPages: settings.walAutocheckpointPages
            )
        } catch {
            throw ConfigurationError("database.path: cannot open database at \(settings.path): \(error)")
        }
    }
}

extension SynchronousMode {
    var appDatabase: AppDatabase.Synchronous {
        switch self {
        case .full: .full
        case .normal: .normal
        }
    }
}

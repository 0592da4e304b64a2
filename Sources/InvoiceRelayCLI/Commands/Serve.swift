import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PostgresStore
import RelayServer
import ServiceLifecycle
import UnixSignals

/// `invoice-relay serve`: run the HTTP server and the background services until SIGTERM/SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the service (webhooks, scheduler, reconciliation, admin API).")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Override the listen port from the configuration.")
    var port: Int?

    @Flag(help: "Run against in-process fake SendGrid, Postmark, Twilio and Stripe servers with demo invoices (no accounts needed).")
    var sandbox = false

    func run() async throws {
        var config = try options.load()
        if let port { config.server.port = port }
        Logging.bootstrap(config.logging)
        let logger = Logger(label: "invoice-relay")
        var environment = ProcessInfo.processInfo.environment
        let sandboxRun = sandbox ? try await Sandbox.start(configuration: &config, environment: &environment, logger: logger) : nil

        let relay: RelayApp
        do {
            relay = try await RelayApp.build(.init(configuration: config, secrets: SecretResolver(environment: environment), logger: logger))
        } catch let error as ConfigurationError {
            await sandboxRun?.stop()
            throw CLIError(error.description)
        }
        let consoleToken = sandboxRun != nil && config.console.enabled ? try await Sandbox.consoleToken(relay) : nil
        let consolePath = config.console.enabled ? config.console.path : nil
        let host = config.server.host
        let database = switch config.database.driver {
        case .sqlite: config.database.path
        case .postgres: config.database.postgres.map { "postgres://\($0.host):\($0.port)/\($0.database)" } ?? "postgres"
        }
        let app = relay.application(onServerRunning: { port in
            logger.notice("listening", metadata: ["host": .string(host), "port": "\(port)", "database": .string(database)])
            await sandboxRun?.ready(port: port, consolePath: consolePath, token: consoleToken)
        })
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            await sandboxRun?.stop()
            throw error
        }
        await sandboxRun?.stop()
    }
}

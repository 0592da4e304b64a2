import ArgumentParser
import Foundation
import Hummingbird
import Logging
import RelayServer

/// `invoice-relay serve`: run the HTTP server and the background services until SIGTERM/SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the service (webhooks, scheduler, reconciliation, admin API).")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Override the listen port from the configuration.")
    var port: Int?

    func run() async throws {
        var config = try options.load()
        if let port { config.server.port = port }
        Logging.bootstrap(config.logging)
        let logger = Logger(label: "invoice-relay")
        let relay: RelayApp
        do {
            relay = try RelayApp(.init(configuration: config, logger: logger))
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
        let (host, database) = (config.server.host, config.database.path)
        let app = relay.application(onServerRunning: { port in
            logger.notice("listening", metadata: ["host": .string(host), "port": "\(port)", "database": .string(database)])
        })
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}

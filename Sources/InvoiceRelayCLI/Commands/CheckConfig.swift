import ArgumentParser
import Foundation
import RelayServer

/// `invoice-relay check-config`: validate configuration and secrets without starting anything.
struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration file and that every required secret is set."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        do {
            try RelayApp.checkSecrets(config, secrets: SecretResolver())
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
        print("configuration \(options.config) is valid: \(config.sources.filter(\.enabled).count) webhook source(s), reminders \(config.reminders.enabled ? "on" : "off"), reconciliation \(config.reconciliation.enabled ? "on" : "off")")
    }
}

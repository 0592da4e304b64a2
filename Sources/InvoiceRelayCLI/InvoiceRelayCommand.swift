import ArgumentParser
import Foundation
import Logging
import RelayServer

/// `invoice-relay`: the service and its operator tools.
@main
struct InvoiceRelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice-relay",
        abstract: "Verified payment webhooks in, invoice state in SQLite, payment reminders out.",
        subcommands: [Serve.self, Migrate.self, CheckConfig.self, Reconcile.self] + AdminCommands.all
    )
}

/// Options every command that reads configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Path to the JSON configuration file.")
    var config = "config/invoice-relay.json"

    /// Loads and checks the file; a problem ends the command with a message and exit code 1.
    func load() throws -> RelayConfiguration {
        do {
            return try ConfigurationLoader.load(path: config)
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
    }
}

/// A failure reported as one line on stderr and a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension CLIError: LocalizedError {
    var errorDescription: String? { description }
}

enum Logging {
    /// Installs the structured log handler once for the process.
    static func bootstrap(_ settings: LoggingSettings) {
        LoggingSystem.bootstrap { label in StructuredLogHandler(label: label, level: settings.level, format: settings.format) }
    }
}

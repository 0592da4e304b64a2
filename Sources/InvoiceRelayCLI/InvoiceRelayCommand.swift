import ArgumentParser
import Foundation
import Logging
import NIOCore
import NIOPosix
import RelayServer

/// `invoice-relay`: the service and its operator tools.
@main
struct InvoiceRelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice-relay",
        abstract: "Verified payment webhooks in, invoice state in SQLite, payment reminders out.",
        subcommands: [Serve.self, Migrate.self, CheckConfig.self, Reconcile.self] + AdminCommands.all
    )

    /// Runs Swift Concurrency's jobs on NIO's event loops (one thread per core), so a request handler, the
    /// actors it awaits and the socket writes share threads instead of hopping between two pools.
    /// Nothing in the service blocks a concurrency thread: SQLite work runs on GRDB's own queues.
    static func main() async {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
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
        let level = Logger.Level(rawValue: settings.level) ?? .info
        let format = StructuredLogHandler.Format(rawValue: settings.format) ?? .json
        LoggingSystem.bootstrap { label in StructuredLogHandler(label: label, level: level, format: format) }
    }
}

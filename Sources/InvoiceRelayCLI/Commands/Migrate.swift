import ArgumentParser
import Logging
import RelayServer

/// `invoice-relay migrate`: create or upgrade the database schema, then exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let description: String
        do {
            description = try await RelayApp.migrate(config, secrets: SecretResolver(), logger: Logger(label: "invoice-relay.migrate"))
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
        print("\(description) is up to date")
    }
}

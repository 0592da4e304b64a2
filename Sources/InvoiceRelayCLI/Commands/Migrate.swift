import ArgumentParser
import RelayServer

/// `invoice-relay migrate`: create or upgrade the database schema, then exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        do {
            _ = try RelayApp.openDatabase(config.database)
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
        print("database \(config.database.path) is up to date")
    }
}

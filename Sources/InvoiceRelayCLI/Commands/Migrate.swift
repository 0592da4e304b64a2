import ArgumentParser
import InvoiceStore

/// `invoice-relay migrate`: create or upgrade the database schema, then exit.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        do {
            _ = try AppDatabase.open(path: config.database.path)
        } catch {
            throw CLIError("cannot open database at \(config.database.path): \(error)")
        }
        print("database \(config.database.path) is up to date")
    }
}

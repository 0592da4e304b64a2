import ArgumentParser
import Foundation
import InvoiceDomain
import InvoiceStore
import Notifications
import RelayServer

/// The local database behind an operator command, and the ``AdminService`` that enforces the API's rules on it.
struct AdminContext {
    let service: AdminService
    let configuration: RelayConfiguration
    let store: SQLiteStore

    /// Loads the configuration and opens (migrating if needed) its database.
    static func open(_ options: ConfigOptions) throws -> AdminContext {
        let config = try options.load()
        let database: AppDatabase
        do {
            database = try AppDatabase.open(
                path: config.database.path,
                synchronous: AppDatabase.Synchronous(rawValue: config.database.synchronous) ?? .full,
                busyTimeout: config.database.busyTimeoutSeconds
            )
        } catch {
            throw CLIError("cannot open database at \(config.database.path): \(error)")
        }
        let store = SQLiteStore(database)
        return AdminContext(service: AdminService(store: store, configuration: config, clock: SystemClock()), configuration: config, store: store)
    }

    /// Stores the shipped templates that have no version yet, as the server does when it starts, so template
    /// commands work on a fresh database. Never overwrites an edit; a problem is a warning, not a failure.
    func seedShippedTemplates() async {
        let directory = URL(fileURLWithPath: configuration.reminders.templatesDirectory)
        guard FileManager.default.fileExists(atPath: directory.path) else { return }
        do {
            let engine = TemplateEngine(smsSegmentWarningLimit: configuration.reminders.smsSegmentWarningLimit)
            let added = try await TemplateSeeder.seed(from: directory, engine: engine, into: store, now: Date())
            if added > 0 { printError("loaded \(added) shipped template(s) from \(directory.path)") }
        } catch {
            printError("warning: shipped templates in \(directory.path) not loaded: \(error)")
        }
    }

    /// The audit identity of CLI changes: `cli:<login>`.
    static var actor: String {
        "cli:" + (ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "operator")
    }

    /// The current version of a template, or `nil` when it does not exist yet.
    func currentTemplate(_ ref: TemplateRef) async throws -> TemplateView? {
        do {
            return try await service.template(ref).template
        } catch let error as AdminError where error.kind == .notFound {
            return nil
        }
    }

    /// Runs a validation; a rule violation becomes a one-line error and a non-zero exit.
    static func check<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AdminError {
            throw CLIError("\(error.code): \(error.message)")
        }
    }

    /// Runs an admin operation; a rule violation becomes a one-line error and a non-zero exit.
    func run<T>(_ body: (AdminService) async throws -> T) async throws -> T {
        do {
            return try await body(service)
        } catch let error as AdminError {
            throw CLIError("\(error.code): \(error.message)")
        }
    }
}

/// `--json` for scripts; a readable table otherwise.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON (the admin API's shape) instead of a table.")
    var json = false

    /// Prints `value` as pretty JSON when `--json`, else calls `table`.
    func emit(_ value: some Encodable, table: () -> Void) throws {
        if json {
            print(String(decoding: try AdminJSON.encode(value, pretty: true), as: UTF8.self))
        } else {
            table()
        }
    }
}

/// Named CLI options turned into the API's query parameters, so both are validated by the same code;
/// problems are reported with the option's name (`--created-from`), not the parameter's.
struct ParameterList {
    private(set) var pairs: [(String, String)] = []
    private var options: [String: String] = [:]

    /// - Parameter option: the CLI option's name when it differs from the parameter's (`invoice` for `invoice_id`).
    mutating func add(_ name: String, _ value: String?, option: String? = nil) {
        options[name] = option ?? name.replacingOccurrences(of: "_", with: "-")
        if let value { pairs.append((name, value)) }
    }

    mutating func add(_ name: String, _ value: (some CustomStringConvertible)?) {
        add(name, value.map(\.description))
    }

    /// Builds the parameters and runs `parse` on them, turning a rule violation into a CLI error.
    func parse<T>(allowed: Set<String>, _ parse: (AdminParameters) throws -> T) throws -> T {
        do {
            return try parse(AdminParameters(pairs, allowed: allowed))
        } catch let error as AdminError {
            var message = error.message
            for (name, option) in options {
                message = message.replacingOccurrences(of: "parameter '\(name)'", with: "option '--\(option)'")
                message = message.replacingOccurrences(of: "\(name) must", with: "--\(option) must")
            }
            throw CLIError("\(error.code): \(message)")
        }
    }
}

/// Writes a line to stderr (progress, hints), keeping stdout clean for `--json`.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

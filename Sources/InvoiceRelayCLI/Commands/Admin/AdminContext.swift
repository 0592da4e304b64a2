import ArgumentParser
import Foundation
import InvoiceDomain
import Logging
import Notifications
import RelayServer
import RelayAdmin

/// The local database behind an operator command, and the ``AdminService`` that enforces the API's rules on it.
struct AdminContext {
    let relay: RelayApp
    var service: AdminService { relay.admin }
    var configuration: RelayConfiguration { relay.configuration }

    /// Loads the configuration and builds the relay for an operator command (its database opened and migrated,
    /// the shipped templates loaded when their folder exists), the way `serve` builds it.
    static func open(_ options: ConfigOptions) async throws -> AdminContext {
        let config = try options.load()
        do {
            return AdminContext(relay: try await RelayApp.build(.init(configuration: config, logger: toolLogger, purpose: .tool)))
        } catch let error as ConfigurationError {
            throw CLIError(error.description)
        }
    }

    /// Operator commands log only what needs the operator's attention, to stderr.
    static var toolLogger: Logger {
        var logger = Logger(label: "invoice-relay") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = .notice
        return logger
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

import ArgumentParser
import Foundation
import RelayServer
import RelayAdmin
import StoreSeams

/// `invoice-relay tokens create|list|revoke`: admin API bearer tokens.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Create, list and revoke admin API tokens.",
        discussion: "Tokens are shown once, at creation, and stored only as a SHA-256 hash. Several may be active at once: to rotate, create a new one, switch clients, then revoke the old one.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it (once).")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "A unique name for the token (who or what uses it).")
        var name: String
        @Option(help: "read (GET routes and template preview) or admin (everything).")
        var scope: String
        @Option(name: .customLong("expires-in"), help: "Lifetime such as 30d, 12h, 90m or 2w; no expiry when omitted.")
        var expiresIn: String?

        func run() async throws {
            guard let scope = TokenScope(rawValue: scope) else {
                throw CLIError("invalid_scope: --scope must be read or admin, not '\(self.scope)'")
            }
            let context = try await AdminContext.open(options)
            let lifetime = try expiresIn.map { text in try AdminContext.check { try TokenLifetime.parse(text) } }
            let issued = try await context.run { try await $0.createToken(name: name, scope: scope, expiresIn: lifetime, actor: AdminContext.actor) }
            try output.emit(issued) {
                let expiry = issued.token.expiresAt.map { "expires \(Format.date($0))" } ?? "no expiry"
                print("Created \(issued.token.scope) token '\(issued.token.name)' (\(issued.token.prefix)…, \(expiry)).")
                print("Copy it now; it is not shown again:\n")
                print(issued.secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Include revoked tokens.")
        var all = false

        func run() async throws {
            let tokens = try await AdminContext.open(options).run { try await $0.listTokens(includeRevoked: all) }
            try output.emit(tokens) {
                var table = TextTable("ID", "NAME", "PREFIX", "SCOPE", "STATE", "CREATED", "EXPIRES", "LAST USED")
                for token in tokens {
                    table.add(String(token.id), token.name, token.prefix, token.scope, token.state, Format.date(token.createdAt), Format.date(token.expiresAt), Format.date(token.lastUsedAt))
                }
                table.print()
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id, prefix or name; effective on its next request.")

        @OptionGroup var options: ConfigOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "Token id, prefix (irt_xxxxxxxx) or name.")
        var token: String

        func run() async throws {
            let revoked = try await AdminContext.open(options).run { try await $0.revokeToken(token, actor: AdminContext.actor) }
            try output.emit(revoked) {
                for token in revoked { print("Revoked token '\(token.name)' (\(token.prefix)…).") }
            }
        }
    }
}

import Foundation
package import PostgresNIO

/// Where a relay's PostgreSQL database is: parsed from a `postgres://user[:password]@host[:port]/database` URL,
/// with the password usually kept out of the URL (a secret reference supplies it).
package struct PostgresEndpoint: Sendable, Equatable {
    package var host: String
    package var port: Int
    package var username: String
    package var password: String?
    package var database: String
    /// The schema holding the relay's tables (`search_path`); `nil` keeps the server's default (`public`).
    package var schema: String?

    package init(host: String, port: Int = 5432, username: String, password: String?, database: String, schema: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.schema = schema
    }

    /// TLS towards the server.
    package enum TLSMode: String, Sendable, Codable, CaseIterable {
        /// Plain TCP (loopback, a private network).
        case disable
        /// TLS with the system's trust roots and host name verification; the connection fails without it.
        case require
    }

    /// Parses `postgres://` (or `postgresql://`) URLs.
    /// - Throws: ``PostgresEndpointError`` naming what is missing or malformed (never echoing the password).
    package init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw PostgresEndpointError("not a URL; expected postgres://user@host:5432/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw PostgresEndpointError("scheme '\(scheme)' is not postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresEndpointError("the URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw PostgresEndpointError("the URL has no user name (postgres://user@host/...)") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw PostgresEndpointError("the URL names no database (postgres://user@host:5432/database)") }
        guard components.queryItems?.isEmpty ?? true else {
            throw PostgresEndpointError("query parameters are not supported; use database.tls and database.poolSize")
        }
        self.init(
            host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 }, database: database.removingPercentEncoding ?? database
        )
    }

    /// The client configuration for this endpoint: a pool of at most `poolSize` connections.
    package func clientConfiguration(tls: TLSMode, poolSize: Int) -> PostgresClient.Configuration {
        let tlsConfiguration: PostgresClient.Configuration.TLS = switch tls {
        case .disable: .disable
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tlsConfiguration
        )
        configuration.options.maximumConnections = max(1, poolSize)
        if let schema { configuration.options.additionalStartupParameters = [("search_path", schema)] }
        return configuration
    }
}

/// A malformed PostgreSQL URL.
package struct PostgresEndpointError: Error, Sendable, CustomStringConvertible, Equatable {
    package let description: String
    package init(_ description: String) { self.description = description }
}

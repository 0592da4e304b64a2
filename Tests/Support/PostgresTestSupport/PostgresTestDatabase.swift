import Foundation
import Logging
import PostgresNIO
package import PostgresStore

/// The PostgreSQL server the tests use, named by `INVOICE_RELAY_TEST_POSTGRES_URL`
/// (`Tests/Postgres/setup.sh` prepares one: `postgres://relay:relay@127.0.0.1:5432/relay_test`).
///
/// Each test gets its own schema (`relay_test_<random>`, dropped afterwards), so tests run in parallel on one
/// database. Without the variable the PostgreSQL cases are left out of the argument lists; in CI (`CI=true`) its
/// absence fails the one test that reports it.
package enum PostgresTestDatabase {
    package static let urlVariable = "INVOICE_RELAY_TEST_POSTGRES_URL"
    package static let skipMessage = "PostgreSQL tests skipped: INVOICE_RELAY_TEST_POSTGRES_URL is not set"

    /// The admin URL, or `nil` when PostgreSQL tests are not configured.
    package static var url: String? {
        ProcessInfo.processInfo.environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 }
    }

    package static var isAvailable: Bool { url != nil }

    /// Whether a missing server is a failure rather than a skip (CI sets `CI=true`).
    package static var isRequired: Bool {
        ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")
    }

    /// The endpoint of the configured server.
    package static func endpoint() throws -> PostgresEndpoint {
        guard let url else { throw PostgresEndpointError(skipMessage) }
        return try PostgresEndpoint(url: url)
    }

    /// Runs `body` with an endpoint whose `search_path` is a fresh, empty schema, then drops the schema.
    package static func withSchema<T: Sendable>(_ body: (PostgresEndpoint) async throws -> T) async throws -> T {
        var endpoint = try endpoint()
        let schema = "relay_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await admin(endpoint) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"), logger: logger)
        }
        endpoint.schema = schema
        do {
            let value = try await body(endpoint)
            try await drop(schema, endpoint)
            return value
        } catch {
            try? await drop(schema, endpoint)
            throw error
        }
    }

    /// Runs `body` against a fresh, migrated schema through a running client (a pool of `poolSize`).
    package static func withStore<T: Sendable>(poolSize: Int = 8, _ body: (PostgresStore) async throws -> T) async throws -> T {
        try await withSchema { endpoint in
            let service = PostgresClientService(configuration: endpoint.clientConfiguration(tls: .disable, poolSize: poolSize), logger: logger)
            do {
                try await PostgresMigrations.migrate(service.client, logger: logger)
                let value = try await body(PostgresStore(client: service.client, logger: logger))
                await service.shutdown()
                return value
            } catch {
                await service.shutdown()
                throw error
            }
        }
    }

    private static let logger = Logger(label: "postgres-tests")

    private static func drop(_ schema: String, _ endpoint: PostgresEndpoint) async throws {
        try await admin(endpoint) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"), logger: logger)
        }
    }

    /// One short-lived connection to the configured database, for creating and dropping schemas.
    private static func admin(_ endpoint: PostgresEndpoint, _ body: (PostgresConnection) async throws -> Void) async throws {
        let configuration = PostgresConnection.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username, password: endpoint.password,
            database: endpoint.database, tls: .disable
        )
        let connection = try await PostgresConnection.connect(configuration: configuration, id: Int.random(in: 1...Int(Int32.max)), logger: logger)
        do {
            try await body(connection)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

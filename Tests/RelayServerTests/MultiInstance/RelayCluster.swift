import AsyncHTTPClient
import Foundation
import InvoiceDomain
import Logging
import PostgresStore
import PostgresTestSupport
import RelayServer
import ServiceLifecycle
import Testing

/// Several relays in one process, each built by `RelayApp.build` with its own pool, on one PostgreSQL schema
/// (a fresh one per test, on the server `INVOICE_RELAY_TEST_POSTGRES_URL` names).
struct RelayCluster: Sendable {
    static let passwordVariable = "INVOICE_RELAY_TEST_DATABASE_PASSWORD"

    /// `configuration` with the database pointed at `endpoint` (password through a secret reference).
    static func configuration(_ base: RelayConfiguration, endpoint: PostgresEndpoint, leaseSeconds: Double = 15) -> RelayConfiguration {
        var config = base
        config.database.driver = .postgres
        var url = endpoint
        url.password = nil
        config.database.postgres = url
        config.database.password = endpoint.password.map { _ in SecretReference(env: passwordVariable) }
        config.database.tls = .disable
        config.database.poolSize = 6
        config.database.leaseSeconds = leaseSeconds
        return config
    }

    /// One running relay: its app, its HTTP harness and its service group.
    struct Member: Sendable {
        let harness: RelayHarness
        let group: ServiceGroup
        let task: Task<Void, any Error>

        var relay: RelayApp { harness.relay }

        /// Stops the relay gracefully and waits for it.
        func stop() async {
            try? await harness.client.shutdown()
            await group.triggerGracefulShutdown()
            _ = try? await task.value
        }
    }

    /// Starts a relay on `configuration` (port 0) and returns once it listens.
    static func start(
        _ configuration: RelayConfiguration, environment: [String: String], clock: any WallClock, withRuntime: Bool, name: String
    ) async throws -> Member {
        var logger = Logger(label: name)
        logger.logLevel = .warning
        let relay = try await RelayApp.build(.init(
            configuration: configuration, secrets: SecretResolver(environment: environment), clock: clock, logger: logger,
            purpose: withRuntime ? .serve : .serverOnly
        ))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = relay.application(onServerRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            task.cancel()
            throw HarnessError.didNotStart
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        return Member(harness: RelayHarness(relay: relay, baseURL: "http://127.0.0.1:\(port)", client: client), group: group, task: task)
    }

    /// Runs `body` with `count` relays sharing one fresh schema, then stops them all.
    static func run<T: Sendable>(
        count: Int, configuration base: RelayConfiguration, environment: [String: String], clock: any WallClock,
        withRuntime: Bool = false, leaseSeconds: Double = 15,
        _ body: ([Member]) async throws -> T
    ) async throws -> T {
        try await PostgresTestDatabase.withSchema { endpoint in
            let config = configuration(base, endpoint: endpoint, leaseSeconds: leaseSeconds)
            var environment = environment
            environment[passwordVariable] = endpoint.password
            var members: [Member] = []
            do {
                for index in 0..<count {
                    members.append(try await start(config, environment: environment, clock: clock, withRuntime: withRuntime, name: "relay-\(index)"))
                }
                let value = try await body(members)
                for member in members { await member.stop() }
                return value
            } catch {
                for member in members { await member.stop() }
                throw error
            }
        }
    }
}

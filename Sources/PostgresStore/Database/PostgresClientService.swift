import Logging
package import PostgresNIO
import ServiceLifecycle

/// Owns a ``PostgresClient`` (the connection pool) and runs it from the moment it is made, so the builder can
/// migrate the schema and seed templates before the service group starts; as the group's first service it
/// stops last, after every service that queries the database has stopped.
///
/// Commands that never run a service group (`migrate`, the admin tools) call ``shutdown()`` when done.
package final class PostgresClientService: Service, Sendable {
    package let client: PostgresClient
    private let task: Task<Void, Never>

    package init(configuration: PostgresClient.Configuration, logger: Logger) {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        // Started immediately, so the client counts as running before the first lease (no PostgresNIO warning).
        #if compiler(>=6.2)
        self.task = Task.immediate { await client.run() }
        #else
        self.task = Task { await client.run() }
        #endif
    }

    /// Waits for graceful shutdown (or cancellation), then closes the pool.
    package func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Closes the pool's connections and waits until the client has stopped.
    package func shutdown() async {
        task.cancel()
        await task.value
    }
}

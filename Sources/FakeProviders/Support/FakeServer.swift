package import Hummingbird
package import Logging
import Synchronization

/// Starts small Hummingbird apps on `127.0.0.1:0` for the in-process provider fakes.
///
/// Every fake (SendGrid, Postmark, Twilio, Stripe) runs through here so they bind the same way: loopback only,
/// an ephemeral port read back once the server listens, and a handle that stops it.
package enum FakeServer {
    /// Starts `router` on `127.0.0.1` on an ephemeral port and returns once it accepts connections.
    ///
    /// - Parameters:
    ///   - router: The routes of the fake. Use ``FakeRequestContext`` as its context to be able to drop connections.
    ///   - name: A label for the fake's logger.
    ///   - logLevel: The fake's log level; quiet by default so test output stays readable.
    /// - Returns: A handle with the base URL (`http://127.0.0.1:<port>`) and `stop()`.
    /// - Throws: The bind error if the server could not start.
    package static func start<Builder: HTTPResponderBuilder>(
        router: Builder,
        name: String,
        logLevel: Logger.Level = .critical
    ) async throws -> FakeServerHandle
    where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        var logger = Logger(label: "FakeProviders.\(name)")
        logger.logLevel = logLevel
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { portContinuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            try await task.value
            throw FakeServerError.didNotStart(name)
        }
        return FakeServerHandle(port: port, task: task)
    }
}

/// A running fake server: where it listens, and how to stop it.
package final class FakeServerHandle: Sendable {
    /// The TCP port the fake listens on (loopback).
    package let port: Int
    private let task: Task<Void, any Error>

    init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    package var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the server and waits for it to finish, cancelling in-flight (e.g. hanging) requests. Idempotent.
    package func stop() async {
        task.cancel()
        _ = await task.result
    }

    deinit { task.cancel() }
}

/// Why a fake server could not be started.
package enum FakeServerError: Error, Equatable, Sendable {
    /// The server stopped before it reported a listening port.
    case didNotStart(String)
}

import Hummingbird

/// An in-process Postmark email API (`POST /email`) on `127.0.0.1`, with fault injection.
///
/// Validates like the real API: `X-Postmark-Server-Token` (401 with ErrorCode 10 otherwise), JSON body
/// (`From`, `To`, a `TextBody` or `HtmlBody`, a known `MessageStream`; 422 with an `ErrorCode` otherwise);
/// answers 200 `{"To","SubmittedAt","MessageID","ErrorCode":0,"Message":"OK"}`.
package final class FakePostmark: Sendable {
    /// The server token the fake accepts.
    package let serverToken: String
    private let endpoint: FakePostmarkEndpoint
    private let server: FakeServerHandle

    private init(serverToken: String, endpoint: FakePostmarkEndpoint, server: FakeServerHandle) {
        self.serverToken = serverToken
        self.endpoint = endpoint
        self.server = server
    }

    /// Starts a fake accepting `serverToken`, bound to `127.0.0.1` on an ephemeral port.
    /// - Parameter messageStreams: Stream IDs that exist on the fake server (`outbound` is Postmark's default).
    package static func start(serverToken: String, messageStreams: Set<String> = ["outbound"]) async throws -> FakePostmark {
        let endpoint = FakePostmarkEndpoint(serverToken: serverToken, messageStreams: messageStreams)
        let router = Router(context: FakeRequestContext.self)
        router.post("/email") { request, context in
            await endpoint.handle(request, context: context)
        }
        router.get("/messages/outbound") { request, _ in
            endpoint.search(request)
        }
        let server = try await FakeServer.start(router: router, name: "Postmark")
        return FakePostmark(serverToken: serverToken, endpoint: endpoint, server: server)
    }

    /// `http://127.0.0.1:<port>`: pass it as the provider's base URL.
    package var baseURL: String { server.baseURL }

    /// Replaces the fault plan (counted plans count from the next request).
    package func setFaults(_ plan: FaultPlan) { endpoint.faults.set(plan) }

    /// Every request received, faulted or not, in order.
    package func requests() -> [RecordedRequest] { endpoint.recorder.all }

    /// Every message accepted (200), in order.
    package func delivered() -> [DeliveredMessage] { endpoint.delivered }

    /// Stops the server (in-flight hanging requests are cut).
    package func shutdown() async { await server.stop() }
}

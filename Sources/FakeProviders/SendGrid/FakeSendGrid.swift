import Hummingbird

/// An in-process SendGrid v3 Mail Send (`POST /v3/mail/send`) on `127.0.0.1`, with fault injection.
///
/// Validates like the real API: bearer API key (401 otherwise), JSON body with personalizations, `from`, `subject`
/// and ordered `content` (400 with SendGrid's `errors` array otherwise); answers 202 with an `X-Message-Id`.
package final class FakeSendGrid: Sendable {
    /// The API key the fake accepts.
    package let apiKey: String
    private let endpoint: FakeSendGridEndpoint
    private let server: FakeServerHandle

    private init(apiKey: String, endpoint: FakeSendGridEndpoint, server: FakeServerHandle) {
        self.apiKey = apiKey
        self.endpoint = endpoint
        self.server = server
    }

    /// Starts a fake accepting `apiKey`, bound to `127.0.0.1` on an ephemeral port.
    package static func start(apiKey: String) async throws -> FakeSendGrid {
        let endpoint = FakeSendGridEndpoint(apiKey: apiKey)
        let router = Router(context: FakeRequestContext.self)
        router.post("/v3/mail/send") { request, context in
            await endpoint.handle(request, context: context)
        }
        let server = try await FakeServer.start(router: router, name: "SendGrid")
        return FakeSendGrid(apiKey: apiKey, endpoint: endpoint, server: server)
    }

    /// `http://127.0.0.1:<port>`: pass it as the provider's base URL.
    package var baseURL: String { server.baseURL }

    /// Replaces the fault plan (counted plans count from the next request).
    package func setFaults(_ plan: FaultPlan) { endpoint.faults.set(plan) }

    /// Every request received, faulted or not, in order.
    package func requests() -> [RecordedRequest] { endpoint.recorder.all }

    /// Every message accepted (202), in order.
    package func delivered() -> [DeliveredMessage] { endpoint.delivered }

    /// Stops the server (in-flight hanging requests are cut).
    package func shutdown() async { await server.stop() }
}

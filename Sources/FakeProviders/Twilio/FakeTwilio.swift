import Hummingbird

/// An in-process Twilio Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`) on `127.0.0.1`,
/// with fault injection.
///
/// Validates like the real API: HTTP basic auth with the account SID and auth token (401, code 20003
/// otherwise), form body with `To` (E.164), `From` or `MessagingServiceSid`, and `Body` (400 with Twilio's error
/// codes otherwise); answers 201 with a Message resource whose `sid` starts with `SM`.
public final class FakeTwilio: Sendable {
    public let accountSid: String
    public let authToken: String
    private let endpoint: FakeTwilioEndpoint
    private let server: FakeServerHandle

    private init(accountSid: String, authToken: String, endpoint: FakeTwilioEndpoint, server: FakeServerHandle) {
        self.accountSid = accountSid
        self.authToken = authToken
        self.endpoint = endpoint
        self.server = server
    }

    /// Starts a fake for one account, bound to `127.0.0.1` on an ephemeral port.
    public static func start(accountSid: String, authToken: String) async throws -> FakeTwilio {
        let endpoint = FakeTwilioEndpoint(accountSid: accountSid, authToken: authToken)
        let router = Router(context: FakeRequestContext.self)
        router.post("/2010-04-01/Accounts/:accountSid/Messages.json") { request, context in
            await endpoint.handle(request, context: context)
        }
        let server = try await FakeServer.start(router: router, name: "Twilio")
        return FakeTwilio(accountSid: accountSid, authToken: authToken, endpoint: endpoint, server: server)
    }

    /// `http://127.0.0.1:<port>`: pass it as the provider's base URL.
    public var baseURL: String { server.baseURL }

    /// Replaces the fault plan (counted plans count from the next request).
    public func setFaults(_ plan: FaultPlan) { endpoint.faults.set(plan) }

    /// Every request received, faulted or not, in order.
    public func requests() -> [RecordedRequest] { endpoint.recorder.all }

    /// Every message accepted (201), in order.
    public func delivered() -> [DeliveredMessage] { endpoint.delivered }

    /// Stops the server (in-flight hanging requests are cut).
    public func shutdown() async { await server.stop() }
}

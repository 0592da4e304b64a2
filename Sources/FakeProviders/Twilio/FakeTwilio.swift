import Hummingbird

/// An in-process Twilio Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`) on `127.0.0.1`,
/// with fault injection.
///
/// Validates like the real API: HTTP basic auth with the account SID and auth token (401, code 20003
/// otherwise), form body with `To` (E.164), `From` or `MessagingServiceSid`, and `Body` (400 with Twilio's error
/// codes otherwise); answers 201 with a Message resource whose `sid` starts with `SM`.
package final class FakeTwilio: Sendable {
    package let accountSid: String
    package let authToken: String
    private let endpoint: FakeTwilioEndpoint
    private let server: FakeServerHandle

    private init(accountSid: String, authToken: String, endpoint: FakeTwilioEndpoint, server: FakeServerHandle) {
        self.accountSid = accountSid
        self.authToken = authToken
        self.endpoint = endpoint
        self.server = server
    }

    /// Starts a fake for one account, bound to `127.0.0.1` on an ephemeral port.
    package static func start(accountSid: String, authToken: String) async throws -> FakeTwilio {
        let endpoint = FakeTwilioEndpoint(accountSid: accountSid, authToken: authToken)
        let router = Router(context: FakeRequestContext.self)
        router.post("/2010-04-01/Accounts/:accountSid/Messages.json") { request, context in
            await endpoint.handle(request, context: context)
        }
        router.get("/2010-04-01/Accounts/:accountSid/Messages.json") { request, context in
            endpoint.list(request, context: context)
        }
        let server = try await FakeServer.start(router: router, name: "Twilio")
        return FakeTwilio(accountSid: accountSid, authToken: authToken, endpoint: endpoint, server: server)
    }

    /// `http://127.0.0.1:<port>`: pass it as the provider's base URL.
    package var baseURL: String { server.baseURL }

    /// Replaces the fault plan (counted plans count from the next request).
    package func setFaults(_ plan: FaultPlan) { endpoint.faults.set(plan) }

    /// Every request received, faulted or not, in order.
    package func requests() -> [RecordedRequest] { endpoint.recorder.all }

    /// Every message accepted (201), in order.
    package func delivered() -> [DeliveredMessage] { endpoint.delivered }

    /// How accepted messages end in the status callbacks posted to their `StatusCallback` (default: delivered).
    package func setCallbackOutcome(_ outcome: TwilioCallbackPoster.Outcome) { endpoint.callbacks.set(outcome: outcome) }

    /// Posts status callbacks to this base URL instead of the `StatusCallback`'s own host (the relay's public URL,
    /// which a loopback test cannot reach); the signature still covers the `StatusCallback` URL as given.
    package func redirectCallbacks(to baseURL: String?) { endpoint.callbacks.set(redirect: baseURL) }

    /// Every status callback posted so far, in order.
    package func postedCallbacks() -> [TwilioCallbackPoster.Posted] { endpoint.callbacks.posted }

    /// A customer texting `body` from `from` to our number `to`: posted, signed, to `url` (the number's Messaging
    /// webhook), through `redirect` like the status callbacks.
    /// - Returns: the relay's status and answer (TwiML), or `nil` when it could not be reached.
    package func simulateInbound(body: String, from: String, to: String, url: String, redirect: String? = nil) async -> (status: Int, body: String)? {
        await endpoint.callbacks.inbound(body: body, from: from, to: to, url: url, redirect: redirect).map { ($0.0, $0.1) }
    }

    /// Stops the server (in-flight hanging requests are cut).
    package func shutdown() async { await server.stop() }
}

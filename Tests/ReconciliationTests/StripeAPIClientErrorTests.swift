import FakeProviders
import Foundation
import InvoiceDomain
import Reconciliation
import Testing

@Suite("Stripe API errors")
struct StripeAPIClientErrorTests {
    /// Runs one events request and returns the error it threw, if any.
    private func eventsError(_ client: StripeAPIClient, startingAfter: String? = nil) async -> StripeAPIError? {
        do {
            _ = try await client.listEvents(types: [], createdGte: nil, startingAfter: startingAfter, limit: 10)
            return nil
        } catch {
            return error
        }
    }

    @Test("a wrong key is unauthorized, and the error never shows the key")
    func wrongKey() async throws {
        try await StripeHarness.run { harness in
            let wrongKey = "sk_test_51QxSomebodyElsesKey99999wxyz"
            let error = try #require(await eventsError(harness.client(secretKey: wrongKey)))
            #expect(error.kind == .unauthorized)
            #expect(error.requestId?.hasPrefix("req_") == true)
            #expect(!error.isRetryable)
            #expect(!error.description.contains(wrongKey))
            #expect(!String(reflecting: error).contains(wrongKey))
        }
    }

    @Test("a key rotated on Stripe's side turns into unauthorized")
    func rotatedKey() async throws {
        try await StripeHarness.run { harness in
            let client = harness.client()
            #expect(await eventsError(client) == nil)
            harness.fake.rotateSecretKey(to: "sk_test_51QxRolledKey000000000000efgh")
            #expect(await eventsError(client)?.kind == .unauthorized)
            harness.fake.setFaults(.status(401))
            #expect(await eventsError(harness.client(secretKey: "sk_test_51QxRolledKey000000000000efgh"))?.kind == .unauthorized)
        }
    }

    @Test("429 with Retry-After gives rateLimited(seconds), then the next call succeeds", arguments: [
        ("7", 7.0),
        ("0", 0.0),
        ("Wed, 26 Nov 2025 10:00:30 GMT", 30.0),
        ("soon", nil),
    ] as [(String, TimeInterval?)])
    func rateLimited(header: String, seconds: TimeInterval?) async throws {
        try await StripeHarness.run { harness in
            // 2025-11-26T10:00:00Z
            let client = harness.client(clock: ManualClock.at(unix: 1_764_151_200))
            harness.fake.setFaults(.rateLimited(count: 1, retryAfter: header))
            let error = try #require(await eventsError(client))
            #expect(error.kind == .rateLimited(retryAfter: seconds))
            #expect(error.isRetryable)
            #expect(await eventsError(client) == nil)
        }
    }

    @Test("5xx is a server error", arguments: [500, 502, 503])
    func serverError(status: Int) async throws {
        try await StripeHarness.run { harness in
            harness.fake.setFaults(.status(status))
            let error = try #require(await eventsError(harness.client()))
            #expect(error.kind == .server(status: status))
            #expect(error.isRetryable)
        }
    }

    @Test("an outage switched off again lets requests through")
    func outageOnOff() async throws {
        try await StripeHarness.run { harness in
            let client = harness.client()
            harness.fake.setFaults(.status(503))
            #expect(await eventsError(client)?.kind == .server(status: 503))
            harness.fake.setFaults(.none)
            #expect(await eventsError(client) == nil)
        }
    }

    // The bound only has to tell "cut at the deadline" from "waited for the answer" (30 s away): it leaves room for a
    // loaded machine, where scheduling alone has taken seconds.
    @Test("latency past the timeout is a timeout, returned promptly", arguments: [FaultPlan.latency(.seconds(30)), FaultPlan.hang])
    func timeout(plan: FaultPlan) async throws {
        try await StripeHarness.run { harness in
            harness.fake.setFaults(plan)
            let started = ContinuousClock.now
            let error = try #require(await eventsError(harness.client(timeout: .milliseconds(250))))
            #expect(error.kind == .timeout)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test("a dropped connection is a transport error")
    func droppedConnection() async throws {
        try await StripeHarness.run { harness in
            harness.fake.setFaults(.dropConnection)
            let error = try #require(await eventsError(harness.client()))
            guard case .transport = error.kind else {
                Issue.record("expected transport, got \(error)")
                return
            }
            #expect(error.isRetryable)
        }
    }

    @Test("an unknown starting_after is Stripe's 400 resource_missing")
    func unknownCursor() async throws {
        try await StripeHarness.run { harness in
            let error = try #require(await eventsError(harness.client(), startingAfter: "evt_doesNotExist"))
            #expect(error.kind == .other(status: 400, details: StripeErrorDetails(
                type: "invalid_request_error", code: "resource_missing",
                message: "No such event: 'evt_doesNotExist'", param: "starting_after"
            )))
            #expect(!error.isRetryable)
        }
    }

    @Test("a 200 that is not a list is a decoding error")
    func notAList() async throws {
        try await StripeHarness.run { harness in
            harness.fake.setFaults(FaultPlan(fault: .status(200, body: #"{"object":"event","id":"evt_1"}"#)))
            let error = try #require(await eventsError(harness.client()))
            guard case .decoding(let reason) = error.kind else {
                Issue.record("expected decoding, got \(error)")
                return
            }
            #expect(reason.contains("has_more") || reason.contains("list"))
        }
    }

    @Test("a refused connection is a transport or timeout error, never a crash")
    func refusedConnection() async throws {
        try await StripeHarness.run { harness in
            let stopped = try await FakeStripe.start(secretKey: StripeHarness.secretKey)
            let url = stopped.baseURL
            await stopped.shutdown()
            let client = StripeAPIClient(
                configuration: StripeAPIConfiguration(baseURL: url, secretKey: StripeHarness.secretKey, timeout: .milliseconds(500)),
                client: harness.http
            )
            let error = try #require(await eventsError(client))
            #expect(error.isRetryable)
            #expect(!error.description.contains(StripeHarness.secretKey))
        }
    }

    @Test("the configuration never prints its secret key")
    func configurationRedactsKey() {
        let configuration = StripeAPIConfiguration(secretKey: StripeHarness.secretKey)
        #expect(!"\(configuration)".contains(StripeHarness.secretKey))
        #expect(!String(reflecting: configuration).contains(StripeHarness.secretKey))
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains(StripeHarness.secretKey))
        #expect(configuration.baseURL == "https://api.stripe.com")
    }
}

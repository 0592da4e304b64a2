import FakeProviders
import Foundation
import InvoiceDomain
@testable import Notifications
import Testing

/// Behaviour every provider shares: how each kind of answer (or silence) is classified.
@Suite("Provider classification against the fakes")
struct ProviderClassificationTests {
    @Test("2xx is sent with the provider's message id", arguments: ProviderKind.allCases)
    func sentWithMessageId(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            let result = await harness.provider.send(harness.message)
            let delivered = try #require(harness.delivered().first)
            #expect(result.outcome == .sent(messageId: delivered.providerMessageId))
            #expect(result.providerMessageId == delivered.providerMessageId)
            #expect(result.httpStatus == [.sendGrid: 202, .postmark: 200, .twilio: 201][kind])
            #expect(harness.delivered().count == 1)
        }
    }

    @Test("429 with Retry-After seconds is retryable after that many seconds", arguments: ProviderKind.allCases)
    func rateLimitedSeconds(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.rateLimited(count: 1, retryAfter: "7"))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            #expect(result.outcome.retryAfter == 7)
            #expect(result.httpStatus == 429)
            #expect(harness.delivered().isEmpty)
        }
    }

    @Test("429 with an HTTP-date Retry-After waits until that date", arguments: ProviderKind.allCases)
    func rateLimitedHTTPDate(kind: ProviderKind) async throws {
        let now = Date(timeIntervalSince1970: 1_750_000_000)
        try await ProviderHarness.with(kind, clock: ManualClock(now)) { harness in
            harness.setFaults(.rateLimited(count: 1, retryAfter: imfFixdate(now.addingTimeInterval(120))))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            #expect(result.outcome.retryAfter == 120)
        }
    }

    @Test("500 is retryable without a provider wait", arguments: ProviderKind.allCases)
    func serverError(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.status(500))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            #expect(result.outcome.retryAfter == nil)
            #expect(result.httpStatus == 500)
            #expect(result.outcome.reason?.contains("Internal Server Error") == true
                || result.outcome.reason?.contains("internal server error") == true)
        }
    }

    @Test("Wrong credentials are classified as credentials and the secret never appears", arguments: ProviderKind.allCases)
    func wrongCredentials(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind, validCredentials: false) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "credentials")
            #expect(result.httpStatus == 401)
            let reason = try #require(result.outcome.reason)
            #expect(!reason.contains(harness.secret))
            #expect(harness.delivered().isEmpty)
        }
    }

    @Test("An injected 401 or 403 is credentials", arguments: ProviderKind.allCases, [401, 403])
    func injectedAuthStatus(kind: ProviderKind, status: Int) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.status(status))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "credentials")
        }
    }

    @Test("400, 404, 413 and 422 are permanent", arguments: ProviderKind.allCases, [400, 404, 413, 422])
    func permanentStatuses(kind: ProviderKind, status: Int) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.status(status))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.httpStatus == status)
            #expect(result.outcome.reason?.contains("HTTP \(status)") == true)
        }
    }

    @Test("A hanging provider times out within the deadline and is retryable", arguments: ProviderKind.allCases)
    func hangTimesOut(kind: ProviderKind) async throws {
        // 500 ms leaves room for a loaded CI machine to deliver the request before the deadline;
        // the fake records a request only once it has read it, hence "at most one".
        try await ProviderHarness.with(kind, timeout: .milliseconds(500)) { harness in
            harness.setFaults(.hang)
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            #expect(result.outcome.reason?.contains("timeout") == true)
            #expect(result.httpStatus == nil)
            #expect(result.latency < 15)  // a hang would never end: the bound only leaves room for a loaded machine
            #expect(harness.requests().count <= 1)
            #expect(harness.delivered().isEmpty)
        }
    }

    @Test("A slow provider within the deadline still succeeds", arguments: ProviderKind.allCases)
    func latencyWithinDeadline(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind, timeout: .seconds(5)) { harness in
            harness.setFaults(.latency(.milliseconds(100)))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "sent")
            #expect(result.latency >= 0.1)
        }
    }

    @Test("A connection dropped without a response is retryable", arguments: ProviderKind.allCases)
    func droppedConnection(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.dropConnection)
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            #expect(result.outcome.reason?.contains("closed the connection") == true)
            #expect(result.httpStatus == nil)
            #expect(harness.requests().count >= 1)
            #expect(harness.delivered().isEmpty)
        }
    }

    @Test("A refused connection is retryable", arguments: ProviderKind.allCases)
    func connectionRefused(kind: ProviderKind) async throws {
        let closed = try await closedPortBaseURL()
        try await ProviderHarness.with(
            kind, timeout: .seconds(2), connectTimeout: .milliseconds(200), baseURLOverride: closed
        ) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            #expect(result.outcome.reason?.lowercased().contains("connect") == true)
            #expect(result.httpStatus == nil)
            #expect(result.latency < 15)  // refused at once or cut by the 200 ms connect timeout; room for a loaded machine
        }
    }

    @Test("failThenSucceed fails the first requests and then delivers", arguments: ProviderKind.allCases)
    func failThenSucceed(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.failThenSucceed(count: 2, status: 503))
            var kinds: [String] = []
            for _ in 0..<3 { kinds.append(await harness.provider.send(harness.message).outcome.kind) }
            #expect(kinds == ["retryable", "retryable", "sent"])
            #expect(harness.requests().count == 3)
            #expect(harness.delivered().count == 1)
        }
    }

    @Test("A huge error body is read bounded and the reason truncated", arguments: ProviderKind.allCases)
    func hugeErrorBody(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            harness.setFaults(.status(400, body: String(repeating: "x", count: 512 * 1024)))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "permanent")
            #expect((result.outcome.reason?.count ?? 0) <= ResponseClassifier.maxReasonLength)
        }
    }

    @Test("A provider message echoing the secret is redacted", arguments: ProviderKind.allCases)
    func echoedSecretIsRedacted(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            let body = #"{"errors":[{"message":"bad \#(harness.secret)"}],"ErrorCode":300,"Message":"bad \#(harness.secret)","code":21211,"message":"bad \#(harness.secret)"}"#
            harness.setFaults(.status(400, body: body))
            let result = await harness.provider.send(harness.message)
            let reason = try #require(result.outcome.reason)
            #expect(!reason.contains(harness.secret))
            #expect(reason.contains("[redacted]"))
        }
    }

    @Test("A message for the other channel is refused without a request", arguments: ProviderKind.allCases)
    func wrongChannel(kind: ProviderKind) async throws {
        try await ProviderHarness.with(kind) { harness in
            var message = harness.message
            message.channel = harness.provider.channel == .email ? .sms : .email
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.httpStatus == nil)
            #expect(harness.requests().isEmpty)
        }
    }
}

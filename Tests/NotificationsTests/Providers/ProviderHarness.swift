import Testing
import AsyncHTTPClient
import FakeProviders
import Foundation
import InvoiceDomain
import NIOCore
@testable import Notifications

/// Which provider a table-driven test runs against.
enum ProviderKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sendGrid, postmark, twilio

    var testDescription: String { rawValue }
}

/// A provider wired to its fake, with the fake's controls, for tests that are the same for every provider.
struct ProviderHarness: Sendable {
    let kind: ProviderKind
    let provider: any MessageProvider
    /// A message the fake accepts.
    let message: OutboundMessage
    /// The secret the provider holds (must never appear in a reason).
    let secret: String
    let setFaults: @Sendable (FaultPlan) -> Void
    let requests: @Sendable () -> [RecordedRequest]
    let delivered: @Sendable () -> [DeliveredMessage]

    static let emailMessage = OutboundMessage(
        channel: .email,
        to: "jane@example.com",
        toName: "Jane Doe",
        subject: "Invoice INV-1 is due",
        html: "<p>Please pay</p>",
        text: "Please pay",
        idempotencyKey: "delivery-1",
        tags: ["invoice_id": "inv_1"]
    )

    static let smsMessage = OutboundMessage(
        channel: .sms,
        to: "+15551234567",
        text: "Invoice INV-1 is due",
        idempotencyKey: "delivery-1"
    )

    /// Starts `kind`'s fake and a provider pointed at it (with wrong credentials when `validCredentials` is false),
    /// runs `body`, then shuts the client and the fake down.
    static func with(
        _ kind: ProviderKind,
        timeout: TimeAmount = .seconds(5),
        connectTimeout: TimeAmount = .seconds(1),
        clock: any WallClock = SystemClock(),
        validCredentials: Bool = true,
        baseURLOverride: String? = nil,
        from: SenderIdentity? = nil,
        _ body: (ProviderHarness) async throws -> Void
    ) async throws {
        let client = ProviderHTTPClient.make(connectTimeout: connectTimeout, readTimeout: .seconds(5))
        do {
            switch kind {
            case .sendGrid:
                let fake = try await FakeSendGrid.start(apiKey: "SG.test-key-123456")
                let key = validCredentials ? fake.apiKey : "SG.wrong-key-999999"
                let provider = SendGridProvider(
                    baseURL: baseURLOverride ?? fake.baseURL, apiKey: key,
                    from: from ?? SenderIdentity(email: "billing@acme.test", name: "Acme Billing"),
                    client: client, timeout: timeout, clock: clock
                )
                let harness = ProviderHarness(
                    kind: kind, provider: provider, message: emailMessage, secret: key,
                    setFaults: fake.setFaults, requests: fake.requests, delivered: fake.delivered
                )
                try await run(body, harness) { await fake.shutdown() }
            case .postmark:
                let fake = try await FakePostmark.start(serverToken: "pm-server-token-123456")
                let token = validCredentials ? fake.serverToken : "pm-wrong-token-999999"
                let provider = PostmarkProvider(
                    baseURL: baseURLOverride ?? fake.baseURL, serverToken: token,
                    from: from ?? SenderIdentity(email: "billing@acme.test", name: "Acme Billing"),
                    messageStream: "outbound", client: client, timeout: timeout, clock: clock
                )
                let harness = ProviderHarness(
                    kind: kind, provider: provider, message: emailMessage, secret: token,
                    setFaults: fake.setFaults, requests: fake.requests, delivered: fake.delivered
                )
                try await run(body, harness) { await fake.shutdown() }
            case .twilio:
                let fake = try await FakeTwilio.start(accountSid: "AC" + String(repeating: "a", count: 32),
                                                      authToken: "twilio-auth-token-123456")
                let token = validCredentials ? fake.authToken : "twilio-wrong-token-999999"
                let provider = TwilioProvider(
                    baseURL: baseURLOverride ?? fake.baseURL, accountSid: fake.accountSid, authToken: token,
                    from: from ?? SenderIdentity(phone: "+15557654321"),
                    client: client, timeout: timeout, clock: clock
                )
                let harness = ProviderHarness(
                    kind: kind, provider: provider, message: smsMessage, secret: token,
                    setFaults: fake.setFaults, requests: fake.requests, delivered: fake.delivered
                )
                try await run(body, harness) { await fake.shutdown() }
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private static func run(
        _ body: (ProviderHarness) async throws -> Void,
        _ harness: ProviderHarness,
        stop: () async -> Void
    ) async throws {
        do {
            try await body(harness)
        } catch {
            await stop()
            throw error
        }
        await stop()
    }
}

/// A loopback URL where nothing listens: a fake started and stopped again.
func closedPortBaseURL() async throws -> String {
    // Port 1 (tcpmux) is privileged and never served here. A port freed by a fake that just stopped is not safe:
    // with tests in parallel, another test's server can bind it before the connection is tried.
    "http://127.0.0.1:1"
}

extension SendOutcome {
    /// The case name, for table assertions.
    var kind: String {
        switch self {
        case .sent: "sent"
        case .retryable: "retryable"
        case .permanent: "permanent"
        case .credentials: "credentials"
        }
    }

    var reason: String? {
        switch self {
        case .sent: nil
        case .retryable(let reason, _), .permanent(let reason), .credentials(let reason): reason
        }
    }

    var retryAfter: TimeInterval? {
        if case .retryable(_, let retryAfter) = self { return retryAfter }
        return nil
    }
}

/// Parses a recorded JSON body.
func jsonObject(_ request: RecordedRequest) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(request.body))
    return try #require(object as? [String: Any])
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` for a date.
func imfFixdate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.string(from: date)
}

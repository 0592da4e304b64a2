import AsyncHTTPClient
import FakeProviders
import Foundation
import TestFixtures
import InvoiceDomain
import InvoiceStore
import Logging
import RelayServer
import StoreSeams
import Testing
import WebhookIngest
import WebhookTestSupport

/// The real server on loopback, receiving Stripe-signed events.
@Suite struct WebhookEndpointTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_100)

    @Test func sharedStripeVectorIsAcceptedAndApplied() async throws {
        let vector = try TestVectors.stripe()
        let clock = ManualClock(Date(timeIntervalSince1970: TimeInterval(vector.timestamp)))
        try await RelayHarness.run(clock: clock) { relay in
            let reply = try await relay.request(
                .POST, "/webhooks/stripe", headers: [("Stripe-Signature", vector.header)], body: Array(vector.payload.utf8)
            )
            #expect(reply.status == 200)
            #expect(reply.json["event_id"] as? String == "evt_1QxTestVector0001")
            let invoice = try #require(try await relay.relay.store.invoice(id: "in_1QxTestInvoice01"))
            #expect(invoice.status == .paid)
            #expect(invoice.snapshot.amountPaid == 12500)
            #expect(invoice.snapshot.currency == "USD")
        }
    }

    @Test func duplicateDeliveryAnswers2xxAndChangesNothing() async throws {
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(clock: clock) { relay in
            let event = StripeEvents.invoice(eventId: "evt_dup", type: "invoice.finalized", created: 1_764_000_000, status: "open")
            let first = try await relay.postStripe(event, timestamp: 1_764_000_100)
            let second = try await relay.postStripe(event, timestamp: 1_764_000_100)
            #expect(first.status == 200 && second.status == 200)
            #expect(first.json["duplicate"] as? Bool == false)
            #expect(second.json["duplicate"] as? Bool == true)
            let events = try await relay.relay.store.events(matching: EventFilter(), limit: 10, before: nil)
            #expect(events.count == 1)
            #expect(events.first?.duplicateCount == 1)
        }
    }

    @Test func twentyConcurrentCopiesApplyOnce() async throws {
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(clock: clock) { relay in
            let event = StripeEvents.invoice(eventId: "evt_many", type: "invoice.paid", created: 1_764_000_000, status: "paid", amountPaid: 12500)
            let replies = try await withThrowingTaskGroup(of: RelayHarness.Reply.self) { group in
                for _ in 0..<20 { group.addTask { try await relay.postStripe(event, timestamp: 1_764_000_100) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 })
            #expect(replies.filter { $0.json["duplicate"] as? Bool == false }.count == 1)
            let events = try await relay.relay.store.events(matching: EventFilter(), limit: 50, before: nil)
            #expect(events.count == 1)
            #expect(events.first?.duplicateCount == 19)
            #expect(try await relay.relay.store.invoice(id: "in_test_1")?.status == .paid)
        }
    }

    @Test func outOfOrderEventsConvergeOnTheLatestState() async throws {
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(clock: clock) { relay in
            let paid = StripeEvents.invoice(eventId: "evt_3", type: "invoice.paid", created: 1_764_000_030, status: "paid", amountPaid: 12500)
            let finalized = StripeEvents.invoice(eventId: "evt_2", type: "invoice.finalized", created: 1_764_000_020, status: "open")
            let created = StripeEvents.invoice(eventId: "evt_1", type: "invoice.created", created: 1_764_000_010, status: "draft")
            let updated = StripeEvents.invoice(eventId: "evt_4", type: "invoice.updated", created: 1_764_000_030, status: "open")
            for event in [paid, finalized, created, updated] {
                #expect(try await relay.postStripe(event, timestamp: 1_764_000_100).status == 200)
            }
            let invoice = try #require(try await relay.relay.store.invoice(id: "in_test_1"))
            #expect(invoice.status == .paid)
            #expect(invoice.lastEventId == "evt_3")
            let superseded = try await relay.relay.store.events(matching: EventFilter(status: .superseded), limit: 10, before: nil)
            #expect(Set(superseded.map(\.eventId)) == ["evt_1", "evt_2", "evt_4"])
        }
    }

    @Test func invalidDataIsQuarantinedNotDropped() async throws {
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(clock: clock) { relay in
            let event = StripeEvents.invoice(eventId: "evt_bad", type: "invoice.finalized", created: 1_764_000_000, status: "open", currency: "xyz")
            let reply = try await relay.postStripe(event, timestamp: 1_764_000_100)
            #expect(reply.status == 200)
            #expect(reply.json["status"] as? String == "quarantined")
            let stored = try await relay.relay.store.events(matching: EventFilter(status: .quarantined), limit: 10, before: nil)
            #expect(stored.map(\.eventId) == ["evt_bad"])
            #expect(stored.first?.body == Data(event))
            #expect(try await relay.relay.store.invoice(id: "in_test_1") == nil)
        }
    }

    // MARK: - Verified bodies that are not a JSON object (every scheme)

    /// One source per signature scheme, with the secret each is configured with.
    static let everyScheme: [(name: String, scheme: SignatureScheme, secret: String)] = [
        ("stripe", .stripe(tolerance: 300), RelayHarness.stripeSecret),
        ("svix", .standardWebhooks(tolerance: 300), "whsec_aW52b2ljZS1yZWxheS10ZXN0LXNlY3JldA=="),
        ("github", .hmac(header: "X-Hub-Signature-256", prefix: "sha256=", encoding: .hex), "github_test_secret"),
        ("paddle", .paddle(tolerance: 300), "pdl_ntfset_test_secret"),
    ]

    static func everySchemeConfiguration() -> (RelayConfiguration, environment: [String: String]) {
        var config = RelayHarness.configuration()
        var github = SourceSettings(name: "github", scheme: .hmac, secrets: [SecretReference(env: "GITHUB_WEBHOOK_SECRET")])
        github.header = "X-Hub-Signature-256"
        github.prefix = "sha256="
        config.sources += [
            SourceSettings(name: "svix", scheme: .standardWebhooks, secrets: [SecretReference(env: "SVIX_WEBHOOK_SECRET")]),
            github,
            SourceSettings(name: "paddle", scheme: .paddle, secrets: [SecretReference(env: "PADDLE_WEBHOOK_SECRET")]),
        ]
        let environment = RelayHarness.environment.merging([
            "SVIX_WEBHOOK_SECRET": everyScheme[1].secret, "GITHUB_WEBHOOK_SECRET": everyScheme[2].secret, "PADDLE_WEBHOOK_SECRET": everyScheme[3].secret,
        ]) { $1 }
        return (config, environment)
    }

    /// POSTs `body` to the source, signed correctly for its scheme, with an `X-Request-Id`.
    static func postSigned(_ body: [UInt8], to source: (name: String, scheme: SignatureScheme, secret: String), relay: RelayHarness) async throws -> RelayHarness.Reply {
        let signature = try WebhookSigner(scheme: source.scheme).headers(body: body, secret: WebhookSecret(source.secret), timestamp: now, deliveryId: "msg_\(source.name)")
        let headers = signature.map { ($0.key, $0.value) } + [("Content-Type", "application/json"), ("X-Request-Id", "req-\(source.name)")]
        return try await relay.request(.POST, "/webhooks/\(source.name)", headers: headers, body: body)
    }

    @Test(arguments: MalformedPayload.all)
    func aVerifiedBodyThatIsNotAJSONObjectIs400InvalidPayload(_ payload: MalformedPayload) async throws {
        let (config, environment) = Self.everySchemeConfiguration()
        let lines = LineSink()
        let logger = Logger(label: "payload") { label in
            StructuredLogHandler(label: label, level: .warning, format: .json, sink: { line in lines.append(line) })
        }
        try await RelayHarness.run(configuration: config, clock: ManualClock(Self.now), environment: environment, logger: logger) { relay in
            for source in Self.everyScheme {
                let reply = try await Self.postSigned(payload.bytes, to: source, relay: relay)
                #expect(reply.status == 400, "\(source.name)")
                #expect(reply.errorCode == "invalid_payload", "\(source.name)")
                #expect(((reply.json["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false, "\(source.name)")
            }
            #expect(try await relay.relay.store.events(matching: EventFilter(), limit: 10, before: nil).isEmpty)
            let metrics = String(decoding: try await relay.request(.GET, "/metrics").body, as: UTF8.self)
            for source in Self.everyScheme {
                #expect(metrics.contains(#"invoice_relay_webhooks_received_total{source="\#(source.name)",outcome="rejected_invalid_payload"} 1"#), "\(source.name)")
            }
        }
        let warnings = lines.all.filter { $0.contains("not a JSON object") }
        for source in Self.everyScheme {
            #expect(warnings.contains { $0.contains("req-\(source.name)") && $0.contains(source.name) }, "no warning for \(source.name): \(warnings)")
        }
    }

    @Test func aVerifiedWellFormedObjectFailingValidationIsStill200Quarantined() async throws {
        let (config, environment) = Self.everySchemeConfiguration()
        try await RelayHarness.run(configuration: config, clock: ManualClock(Self.now), environment: environment) { relay in
            for source in Self.everyScheme {
                let event = StripeEvents.invoice(eventId: "evt_bad_\(source.name)", type: "invoice.finalized", created: 1_764_000_000, status: "open", currency: "xyz")
                let reply = try await Self.postSigned(event, to: source, relay: relay)
                #expect(reply.status == 200, "\(source.name)")
                #expect(reply.json["status"] as? String == "quarantined", "\(source.name)")
            }
            let stored = try await relay.relay.store.events(matching: EventFilter(status: .quarantined), limit: 10, before: nil)
            #expect(stored.count == Self.everyScheme.count)
        }
    }

    @Test func unknownEventTypeIsStoredAsIgnored() async throws {
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(clock: clock) { relay in
            let body = Array(#"{"id":"evt_cust","object":"event","type":"customer.created","created":1764000000,"data":{"object":{"id":"cus_1","object":"customer"}}}"#.utf8)
            let reply = try await relay.postStripe(body, timestamp: 1_764_000_100)
            #expect(reply.status == 200)
            #expect(reply.json["status"] as? String == "ignored")
        }
    }

    @Test(arguments: [
        ("bad signature", "t=1764000100,v1=0000000000000000000000000000000000000000000000000000000000000000", "no_matching_signature"),
        ("stale timestamp", "STALE", "timestamp_out_of_tolerance"),
        ("malformed header", "garbage", "malformed_signature"),
    ])
    func badSignaturesAreRejectedWithAReason(label: String, header: String, code: String) async throws {
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(clock: clock) { relay in
            let event = StripeEvents.invoice(eventId: "evt_x", type: "invoice.paid", created: 1_764_000_000, status: "paid", amountPaid: 12500)
            let signature = header == "STALE"
                ? StripeWebhookSigner.signatureHeader(payload: event, secret: RelayHarness.stripeSecret, timestamp: 1_764_000_100 - 301)
                : header
            let reply = try await relay.request(.POST, "/webhooks/stripe", headers: [("Stripe-Signature", signature)], body: event)
            #expect(reply.status == 400)
            #expect(reply.errorCode == code)
            #expect(!String(decoding: reply.body, as: UTF8.self).contains(RelayHarness.stripeSecret))
            #expect(try await relay.relay.store.events(matching: EventFilter(), limit: 10, before: nil).isEmpty)
        }
    }

    @Test func missingSignatureHeaderIsRejected() async throws {
        try await RelayHarness.run(clock: ManualClock(Self.now)) { relay in
            let reply = try await relay.request(.POST, "/webhooks/stripe", body: Array("{}".utf8))
            #expect(reply.status == 400)
            #expect(reply.errorCode == "missing_signature")
        }
    }

    @Test func unknownSourceIs404() async throws {
        try await RelayHarness.run(clock: ManualClock(Self.now)) { relay in
            // Configured sources have routes of their own; any other name, one extending a configured one included, is a 404.
            for path in ["/webhooks/nope", "/webhooks/stripe-test", "/webhooks/STRIPE"] {
                let reply = try await relay.request(.POST, path, body: Array("{}".utf8))
                #expect(reply.status == 404, "\(path)")
                #expect(reply.errorCode == "unknown_source", "\(path)")
            }
        }
    }

    @Test func oversizedBodyIs413() async throws {
        var config = RelayHarness.configuration()
        config.server.maxBodyBytes = 1024
        try await RelayHarness.run(configuration: config, clock: ManualClock(Self.now)) { relay in
            let body = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
            let reply = try await relay.postStripe(body, timestamp: 1_764_000_100)
            #expect(reply.status == 413)
            #expect(reply.errorCode == "body_too_large")
        }
    }

    @Test func restartWithFileDatabaseKeepsEverything() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("relay.sqlite").path
        let config = RelayHarness.configuration(databasePath: path)
        let event = StripeEvents.invoice(eventId: "evt_persist", type: "invoice.paid", created: 1_764_000_000, status: "paid", amountPaid: 12500)
        try await RelayHarness.run(configuration: config, clock: ManualClock(Self.now), database: try AppDatabase.open(path: path)) { relay in
            let reply = try await relay.postStripe(event, timestamp: 1_764_000_100)
            #expect(reply.json["duplicate"] as? Bool == false)
        }
        try await RelayHarness.run(configuration: config, clock: ManualClock(Self.now), database: try AppDatabase.open(path: path)) { relay in
            let invoice = try await relay.relay.store.invoice(id: "in_test_1")
            #expect(invoice?.status == .paid)
            let reply = try await relay.postStripe(event, timestamp: 1_764_000_100)
            #expect(reply.json["duplicate"] as? Bool == true)
        }
    }

    @Test func healthAndMetricsAnswer() async throws {
        try await RelayHarness.run(clock: ManualClock(Self.now)) { relay in
            #expect(try await relay.request(.GET, "/healthz").status == 200)
            #expect(try await relay.request(.GET, "/readyz").status == 200)
            let event = StripeEvents.invoice(eventId: "evt_m", type: "invoice.paid", created: 1_764_000_000, status: "paid", amountPaid: 12500)
            _ = try await relay.postStripe(event, timestamp: 1_764_000_100)
            let metrics = String(decoding: try await relay.request(.GET, "/metrics").body, as: UTF8.self)
            #expect(metrics.contains(#"invoice_relay_webhooks_received_total{source="stripe",outcome="applied"} 1"#))
        }
    }
}

/// The SDK-made vectors, from the `TestFixtures` resources.
enum TestVectors {
    struct Stripe { var payload: String; var header: String; var timestamp: Int64 }

    static func stripe() throws -> Stripe {
        let data = try Fixtures.vectorBytes("webhook-signatures.json")
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let stripe = try #require(root["stripe"] as? [String: Any])
        return Stripe(
            payload: try #require(stripe["payload"] as? String),
            header: try #require(stripe["header"] as? String),
            timestamp: try #require((stripe["timestamp"] as? NSNumber)?.int64Value)
        )
    }
}

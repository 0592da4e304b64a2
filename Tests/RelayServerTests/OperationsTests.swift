import FakeProviders
import Foundation
import GRDB
import InvoiceDomain
import InvoiceStore
import Logging
import RelayServer
import ServiceLifecycle
import StoreSeams
import Synchronization
import Testing

/// Readiness, metrics, alerts, log redaction and graceful shutdown, against the real server.
@Suite struct OperationsTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_100)

    /// Configuration with reminders routed to fake providers (SendGrid email, Twilio SMS).
    static func reminderConfiguration(sendgrid: FakeSendGrid, twilio: FakeTwilio, databasePath: String = ":memory:") throws -> RelayConfiguration {
        var config = RelayHarness.configuration(databasePath: databasePath)
        config.reminders.tickSeconds = 3600
        config.reminders.planEverySeconds = 0
        config.reminders.quietHours.start = config.reminders.quietHours.end
        config.reminders.channels.email.fallback = nil
        config.business.timeZone = TimeZone(identifier: "UTC")!
        config.delivery.requestTimeoutSeconds = 2
        config.delivery.connectTimeoutSeconds = 1
        config.providers = try JSONDecoder().decode(ProvidersSettings.self, from: Data("""
            {
              "sendgrid": { "baseURL": "\(sendgrid.baseURL)", "credential": { "env": "SENDGRID_API_KEY" }, "fromEmail": "billing@example.com" },
              "twilio": { "baseURL": "\(twilio.baseURL)", "credential": { "env": "TWILIO_AUTH_TOKEN" }, "accountSid": "\(twilioSid)", "fromPhone": "+15555550100" }
            }
            """.utf8))
        return config
    }

    static let twilioSid = "AC" + String(repeating: "0f", count: 16)
    static let sendgridKey = "SG.test-sendgrid-key-do-not-log"
    static let twilioToken = "twilio-token-do-not-log"
    static let environment = RelayHarness.environment.merging(["SENDGRID_API_KEY": sendgridKey, "TWILIO_AUTH_TOKEN": twilioToken]) { a, _ in a }

    @Test func readyzNamesABrokenDatabase() async throws {
        try await RelayHarness.run(clock: ManualClock(Self.now)) { relay in
            #expect(try await relay.request(.GET, "/readyz").status == 200)
            try await #require(relay.relay.database).writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 1") }
            let broken = try await relay.request(.GET, "/readyz")
            #expect(broken.status == 503)
            #expect((broken.json["error"] as? [String: Any])?["message"] as? String == "failing checks: database_writable")
            try await #require(relay.relay.database).writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 0") }
            #expect(try await relay.request(.GET, "/readyz").status == 200)
        }
    }

    @Test func readyzNamesAStoppedScheduler() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: Self.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: Self.twilioSid, authToken: Self.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let config = try Self.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: config, clock: ManualClock(Self.now), environment: Self.environment, withRuntime: true) { relay in
            let scheduler = try #require(relay.runtime?.reminders)
            for _ in 0..<100 where !scheduler.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            #expect(try await relay.request(.GET, "/readyz").status == 200)
            scheduler.scheduler.stop()
            let reply = try await relay.request(.GET, "/readyz")
            #expect(reply.status == 503)
            #expect(((reply.json["error"] as? [String: Any])?["message"] as? String)?.contains("scheduler") == true)
        }
    }

    @Test func metricsParseAndCountWhatHappened() async throws {
        try await RelayHarness.run(clock: ManualClock(Self.now)) { relay in
            for i in 0..<3 {
                let event = StripeEvents.invoice(eventId: "evt_m\(i)", type: "invoice.finalized", created: 1_764_000_000 + Int64(i), invoiceId: "in_m\(i)", status: "open")
                _ = try await relay.postStripe(event, timestamp: 1_764_000_100)
                _ = try await relay.postStripe(event, timestamp: 1_764_000_100)
            }
            _ = try await relay.request(.POST, "/webhooks/stripe", headers: [("Stripe-Signature", "t=1,v1=00")], body: Array("{}".utf8))
            let text = String(decoding: try await relay.request(.GET, "/metrics").body, as: UTF8.self)
            let samples = try PrometheusText.parse(text)
            #expect(samples[#"invoice_relay_webhooks_received_total{source="stripe",outcome="applied"}"#] == 3)
            #expect(samples[#"invoice_relay_webhooks_received_total{source="stripe",outcome="duplicate"}"#] == 3)
            #expect(samples[#"invoice_relay_webhooks_received_total{source="stripe",outcome="rejected_malformed_signature"}"#] == 1)
            #expect(samples[#"invoice_relay_webhook_ingest_duration_seconds_count{source="stripe"}"#] == 6)
        }
    }

    @Test func alertFiresAndClearsAtTheThreshold() async throws {
        var config = RelayHarness.configuration()
        config.alerts.ingestP95Seconds = 0.000_001
        config.alerts.windowSeconds = 60
        config.reminders.enabled = false
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(configuration: config, clock: clock, withRuntime: true) { relay in
            let alerts = try #require(relay.runtime?.alerts)
            #expect(await alerts.evaluate().isEmpty)
            let event = StripeEvents.invoice(eventId: "evt_alert", type: "invoice.finalized", created: 1_764_000_000, status: "open")
            _ = try await relay.postStripe(event, timestamp: 1_764_000_100)
            let fired = await alerts.evaluate()
            #expect(fired.map(\.alert) == ["ingest_latency_p95"] && fired.first?.active == true)
            let metrics = String(decoding: try await relay.request(.GET, "/metrics").body, as: UTF8.self)
            #expect(try PrometheusText.parse(metrics)[#"invoice_relay_alert_active{alert="ingest_latency_p95"}"#] == 1)
            clock.advance(by: 61)
            let cleared = await alerts.evaluate()
            #expect(cleared.map(\.alert) == ["ingest_latency_p95"] && cleared.first?.active == false)
        }
    }

    @Test func noSecretReachesTheLogsInAFullScenario() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: Self.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: Self.twilioSid, authToken: "rotated-token")
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let lines = LineSink()
        let logger = Logger(label: "scan") { label in
            StructuredLogHandler(label: label, level: .trace, format: .json, sink: { line in lines.append(line) })
        }
        let config = try Self.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        let clock = ManualClock(Date(timeIntervalSince1970: 1_764_000_100))
        try await RelayHarness.run(configuration: config, clock: clock, environment: Self.environment, logger: logger, withRuntime: true) { relay in
            // Overdue invoice: email goes out, SMS is refused by Twilio (401) and logged as a credentials failure.
            let event = StripeEvents.invoice(eventId: "evt_log", type: "invoice.finalized", created: 1_764_000_000, status: "open", dueDate: 1_763_000_000)
            _ = try await relay.postStripe(event, timestamp: 1_764_000_100)
            _ = try await relay.postStripe(event, timestamp: 1_764_000_100, secret: "whsec_wrong_secret")
            _ = try await relay.request(.POST, "/webhooks/stripe", headers: [("Stripe-Signature", "t=1764000100,v1=\(String(repeating: "ab", count: 32))")], body: event)
            let scheduler = try #require(relay.runtime?.reminders?.scheduler)
            _ = await scheduler.runOnce()
            #expect(sendgrid.delivered().count == 1)
        }
        let captured = lines.all.joined(separator: "\n")
        #expect(captured.contains("credential"))
        for secret in [RelayHarness.stripeSecret, Self.sendgridKey, Self.twilioToken, "whsec_wrong_secret", "jane@example.com", "+14155550123"] {
            #expect(!captured.contains(secret), "log output contains \(secret)")
        }
    }

    @Test func gracefulShutdownDuringLoadLosesNoAcknowledgedWebhookAndLeavesNothingSending() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: Self.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: Self.twilioSid, authToken: Self.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        sendgrid.setFaults(.latency(.milliseconds(150)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-drain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("relay.sqlite").path
        var config = try Self.reminderConfiguration(sendgrid: sendgrid, twilio: twilio, databasePath: path)
        config.reminders.tickSeconds = 0.05
        let database = try AppDatabase.open(path: path)
        let relay = try await RelayApp.build(.init(configuration: config, secrets: SecretResolver(environment: Self.environment), clock: ManualClock(Self.now), logger: Logger(label: "drain"), database: database))
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var acked: [String] = []
        let group = ServiceGroup(configuration: .init(services: [relay.application(onServerRunning: { portContinuation.yield($0) })], logger: Logger(label: "drain")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let harness = RelayHarness(relay: relay, baseURL: "http://127.0.0.1:\(port)", client: .init(eventLoopGroupProvider: .singleton))
            acked = await withTaskGroup(of: String?.self) { load in
                for i in 0..<200 {
                    load.addTask {
                        let id = "evt_drain_\(i)"
                        let event = StripeEvents.invoice(eventId: id, type: "invoice.finalized", created: 1_764_000_000, invoiceId: "in_drain_\(i)", status: "open", dueDate: 1_763_000_000)
                        guard let reply = try? await harness.postStripe(event, timestamp: 1_764_000_100, timeout: .seconds(2)), reply.status == 200 else { return nil }
                        return id
                    }
                    if i == 120 { load.addTask { await group.triggerGracefulShutdown(); return nil } }
                }
                return await load.reduce(into: []) { if let id = $1 { $0.append(id) } }
            }
            try await harness.client.shutdown()
            try await tasks.waitForAll()
        }
        #expect(!acked.isEmpty)
        let reopened = SQLiteStore(try AppDatabase.open(path: path))
        let stored = Set(try await reopened.events(matching: EventFilter(), limit: 1000, before: nil).map(\.eventId))
        #expect(Set(acked).isSubset(of: stored))
        let sending = try await reopened.deliveries(matching: DeliveryFilter(status: .sending), limit: 1000, before: nil)
        #expect(sending.isEmpty)
    }
}

/// Collects log lines from any thread.
final class LineSink: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A small parser for the Prometheus text exposition format: `name{labels} value` per sample line.
enum PrometheusText {
    struct ParseError: Error { var line: String }

    static func parse(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                throw ParseError(line: String(line))
            }
            let key = String(line[..<space])
            guard key.range(of: #"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*",?)*\})?$"#, options: .regularExpression) != nil else {
                throw ParseError(line: String(line))
            }
            samples[key] = value
        }
        return samples
    }
}

@Suite("Database checkpoint settings")
struct CheckpointSettingsTests {
    @Test func defaultsReadAndBadValuesAreRefused() throws {
        let defaults = try ConfigurationLoader.decode(Data(#"{"database": {"path": "x.sqlite"}}"#.utf8))
        #expect(defaults.database.checkpointIntervalMilliseconds == 100)
        #expect(defaults.database.walAutocheckpointPages == 4_000)
        let set = try ConfigurationLoader.decode(Data(#"{"database": {"path": "x.sqlite", "checkpointIntervalMilliseconds": 0, "walAutocheckpointPages": 1000}}"#.utf8))
        #expect(set.database.checkpointIntervalMilliseconds == 0)
        #expect(set.database.walAutocheckpointPages == 1_000)
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.decode(Data(#"{"database": {"path": "x.sqlite", "checkpointIntervalMilliseconds": -1}}"#.utf8))
        }
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader.decode(Data(#"{"database": {"path": "x.sqlite", "walAutocheckpointPages": 0}}"#.utf8))
        }
    }
}

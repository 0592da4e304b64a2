import ArgumentParser
import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import RelayServer
import StoreSeams
import WebhookIngest
import AsyncHTTPClient
import Notifications

/// Reminder deliveries per second through the real scheduler to a fake SendGrid with realistic latency.
struct Deliveries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Deliveries/s against a fake provider with latency.")

    @Option var invoices = 5_000
    @Option(help: "Fake provider latency in milliseconds.") var latency = 50
    @Option(help: "Scheduler concurrency (in-flight sends).") var concurrency = 256
    @Option(help: "Deliveries claimed per tick.") var batch = 1_000
    @Option(help: "Configured provider rate limit, requests/s.") var rate = 5_000.0
    @Option(help: "database.synchronous: full or normal.") var synchronous = SynchronousMode.full

    func run() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: "SG.bench")
        sendgrid.setFaults(.latency(.milliseconds(latency)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-deliveries-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date()
        let created = Int64(now.timeIntervalSince1970) - 30 * 86_400
        let due = Int64(now.timeIntervalSince1970) - 4 * 86_400
        var config = RelayConfiguration()
        config.database.path = folder.appendingPathComponent("bench.sqlite").path
        config.database.synchronous = synchronous
        config.business.timeZone = TimeZone(identifier: "UTC")!
        config.reminders.concurrency = concurrency
        config.reminders.batchSize = batch
        config.reminders.channels.email.fallback = nil
        config.reminders.steps = [ReminderStepSettings(name: "overdue-3d", offsetDays: 3, channels: [.email], template: .overdue)]
        config.sources = [SourceSettings(name: "stripe", scheme: .stripe, secrets: [SecretReference(env: "BENCH_SECRET")])]
        config.providers = try JSONDecoder().decode(ProvidersSettings.self, from: Data("""
            { "sendgrid": { "baseURL": "\(sendgrid.baseURL)", "credential": { "env": "BENCH_SENDGRID" }, "fromEmail": "billing@example.com",
                            "ratePerSecond": \(rate), "burst": \(max(rate / 10, 1)) } }
            """.utf8))
        // The service's own log handler (as `serve` installs it), quiet below errors.
        let logger = Logger(label: "bench") { StructuredLogHandler(label: $0, level: .error, format: .json) }
        config.reminders.templatesDirectory = FileManager.default.currentDirectoryPath + "/templates"
        let relay = try await RelayApp.build(.init(
            configuration: config, secrets: SecretResolver(environment: ["BENCH_SECRET": "whsec_x", "BENCH_SENDGRID": "SG.bench"]),
            clock: SystemClock(), logger: logger, purpose: .serverOnly
        ))
        let events = (0..<invoices).map { i -> IncomingEvent in
            let body = Array(#"{"id":"evt_d\#(i)","object":"event","type":"invoice.finalized","created":\#(created),"data":{"object":{"id":"in_d\#(i)","object":"invoice","number":"INV-\#(i)","customer":"cus_\#(i)","customer_name":"Customer \#(i)","customer_email":"c\#(i)@example.com","currency":"usd","amount_due":12500,"amount_paid":0,"amount_remaining":12500,"status":"open","due_date":\#(due),"hosted_invoice_url":"https://invoice.stripe.com/i/\#(i)"}}}"#.utf8)
            let (id, content) = WebhookIngestor.interpret(body: body, source: "stripe", deliveryId: nil)
            return IncomingEvent(source: "stripe", eventId: id, origin: .webhook, receivedAt: now, headers: [:], body: body, content: content)
        }
        for chunk in stride(from: 0, to: events.count, by: 500) { _ = try await relay.store.ingest(Array(events[chunk..<min(chunk + 500, events.count)])) }
        let providerClient = relay.makeProviderHTTPClient()
        defer { Task { try? await providerClient.shutdown() } }
        guard let service = try relay.makeReminderService(httpClient: providerClient) else { throw ValidationError("no reminder service") }
        let clock = ContinuousClock()
        // Planning (one pass over every invoice, writing the outbox) is timed apart from sending.
        let planningStart = clock.now
        let planned = try await service.scheduler.plan()
        let planning = planningStart.duration(to: clock.now)
        print("planning: \(planned) reminders written to the outbox in \(planning)")
        let start = clock.now
        let cpuBefore = Micro.processCPUSeconds()
        var sent = 0
        let deadline = clock.now + .seconds(120)
        while sent < invoices && clock.now < deadline {
            let report = await service.scheduler.runOnce()
            sent += report.sent
            if report.claimed == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        let cpu = Micro.processCPUSeconds() - cpuBefore
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "deliveries: %d sent in %.2f s = %.0f/s (latency %d ms, concurrency %d, batch %d, rate limit %.0f/s); fake received %d",
                     sent, seconds, Double(sent) / seconds, latency, concurrency, batch, rate, sendgrid.delivered().count))
        print(String(format: "CPU of the whole process (scheduler, store and the in-process fake SendGrid): %.0f µs per delivery",
                     cpu / Double(max(sent, 1)) * 1e6))
        service.scheduler.stop()
        await sendgrid.shutdown()
    }
}

extension SynchronousMode: ExpressibleByArgument {}

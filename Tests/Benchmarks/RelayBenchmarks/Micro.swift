import ArgumentParser
import Foundation
import InvoiceDomain
import InvoiceStore
import Notifications
import StoreSeams
import StripeEvents
import WebhookIngest

/// Signature verification, decode + state machine, template render, and in-process group-commit ingest.
struct Micro: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Micro-benchmarks of the hot paths.")

    @Option(help: "Iterations per CPU benchmark.")
    var iterations = 100_000

    @Option(help: "Events for the ingest benchmark.")
    var events = 20_000

    @Option(help: "Distinct invoices the ingest and store benchmarks' events update (events / invoices events each).")
    var invoices = 5_000

    @Option(help: "Run one group only: verify, decode, render, ingest or store.")
    var only: String?

    private func runs(_ group: String) -> Bool { only == nil || only == group }

    func run() async throws {
        let payload = Array(#"{"id":"evt_1QxTestVector0001","object":"event","type":"invoice.paid","created":1764000000,"data":{"object":{"id":"in_1QxTestInvoice01","object":"invoice","status":"paid","amount_due":12500,"amount_paid":12500,"amount_remaining":0,"currency":"usd","customer":"cus_TestCustomer01","due_date":1764600000}}}"#.utf8)
        let now = Date(timeIntervalSince1970: 1_764_000_100)
        let stripeSecret = WebhookSecret("whsec_test_secret_for_invoice_relay")
        // As the service verifies: through the source, whose secrets are keyed once.
        let stripe = WebhookSource(name: "stripe", scheme: .stripe(tolerance: 300), secrets: [stripeSecret])
        let stripeHeaders = try WebhookSigner(scheme: .stripe(tolerance: 300)).headers(body: payload, secret: stripeSecret, timestamp: now)
        let standardSecret = WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let standard = WebhookSource(name: "standard", scheme: .standardWebhooks(tolerance: 300), secrets: [standardSecret])
        let standardHeaders = try WebhookSigner(scheme: .standardWebhooks(tolerance: 300)).headers(body: payload, secret: standardSecret, timestamp: now, deliveryId: "msg_bench")

        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
        if runs("verify") {
            print(try measure("verify Stripe-Signature (HMAC-SHA256)", iterations: iterations) {
                _ = try stripe.verify(body: payload, headers: stripeHeaders, now: now)
            })
            print(try measure("verify Standard Webhooks", iterations: iterations) {
                _ = try standard.verify(body: payload, headers: standardHeaders, now: now)
            })
        }
        var current: Invoice?
        if runs("decode") {
            print(measure("decode Stripe event + state machine", iterations: iterations) {
                if case .invoice(let event) = StripeEventDecoder.decode(payload, source: "stripe"),
                   case .apply(let invoice) = InvoiceStateMachine.decide(event, current: current) {
                    current = invoice
                }
            })
        }
        let engine = TemplateEngine()
        let email = TemplateContent(
            subject: "Invoice {{invoice_number}}: {{amount_remaining}} due {{due_date}}",
            html: "<p>Hello {{customer_name}},</p><p>{{amount_remaining}} is due on {{due_date}}. <a href=\"{{pay_url}}\">Pay now</a></p><p>{{business_name}}</p>",
            text: "Hello {{customer_name}}, {{amount_remaining}} is due on {{due_date}}. Pay: {{pay_url}} — {{business_name}}"
        )
        let context = TemplateContext.sample(locale: "en")
        if runs("render") {
            print(try measure("render email template (subject+html+text)", iterations: iterations / 10) {
                _ = try engine.render(email, channel: .email, context: context)
            })
            // The shipped overdue e-mail (what the deliveries benchmark sends), when run from the package folder.
            let folder = "templates/email/overdue/en"
            if let subject = try? String(contentsOfFile: "\(folder).subject.mustache", encoding: .utf8),
               let html = try? String(contentsOfFile: "\(folder).html.mustache", encoding: .utf8),
               let text = try? String(contentsOfFile: "\(folder).txt.mustache", encoding: .utf8) {
                let shipped = TemplateContent(subject: subject, html: html, text: text)
                print(try measure("render shipped overdue e-mail (en)", iterations: iterations / 10) {
                    _ = try engine.render(shipped, channel: .email, context: context)
                })
            }
        }
        if runs("ingest") { try await ingest(payload: payload) }
        if runs("store") { try await storeBatches(payload: payload) }
    }

    /// The store alone: batches of 64 events in one transaction each, one writer, no HTTP, no batcher.
    private func storeBatches(payload: [UInt8]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SQLiteStore(try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path))
        let now = Date(timeIntervalSince1970: 1_764_000_100)
        let template = String(decoding: payload, as: UTF8.self)
        let batches = (0..<(events / 64)).map { b in
            (0..<64).map { j -> IncomingEvent in
                let i = b * 64 + j
                let body = Array(template.replacingOccurrences(of: "evt_1QxTestVector0001", with: "evt_store_\(i)")
                    .replacingOccurrences(of: "in_1QxTestInvoice01", with: "in_store_\(i % invoices)").utf8)
                let (id, content) = WebhookIngestor.interpret(body: body, source: "stripe", deliveryId: nil)
                return IncomingEvent(source: "stripe", eventId: id, origin: .webhook, receivedAt: now, headers: ["stripe-signature": "t=1,v1=abc"], body: body, content: content)
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Self.processCPUSeconds()
        for batch in batches { _ = try await store.ingest(batch) }
        let cpu = Self.processCPUSeconds() - cpuBefore
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let count = Double(batches.count * 64)
        print("store.ingest, batches of 64 (one writer)".padding(toLength: 44, withPad: " ", startingAt: 0)
            + String(format: "%12.0f events/s   %.1f µs CPU/event", count / seconds, cpu / count * 1e6))
    }

    /// User + system CPU time of the whole process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Concurrent submitters through the group-commit batcher into a WAL file database (synchronous=FULL).
    private func ingest(payload: [UInt8]) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SQLiteStore(try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path))
        let batcher = IngestBatcher(store: store, maxBatchSize: 64)
        let now = Date(timeIntervalSince1970: 1_764_000_100)
        let template = String(decoding: payload, as: UTF8.self)
        let count = events
        let clock = ContinuousClock()
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let workers = 64
            for worker in 0..<workers {
                group.addTask {
                    for i in stride(from: worker, to: count, by: workers) {
                        let body = Array(template.replacingOccurrences(of: "evt_1QxTestVector0001", with: "evt_bench_\(i)")
                            .replacingOccurrences(of: "in_1QxTestInvoice01", with: "in_bench_\(i % invoices)").utf8)
                        let (id, content) = WebhookIngestor.interpret(body: body, source: "stripe", deliveryId: nil)
                        _ = try await batcher.submit(IncomingEvent(source: "stripe", eventId: id, origin: .webhook, receivedAt: now, headers: [:], body: body, content: content))
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("ingest via group commit (64 concurrent, FULL fsync)".padding(toLength: 44, withPad: " ", startingAt: 0)
            + String(format: "%12.0f events/s (%d events in %.2f s)", Double(count) / seconds, count, seconds))
    }
}

import ArgumentParser
import CoreMetrics
import DeliveryFeedback
import Foundation
import InvoiceDomain
import InvoiceStore
import Logging
import StoreSeams

/// Provider callbacks verified and applied per second: signed Twilio status callbacks through the
/// ``FeedbackProcessor`` (form parsing, HMAC-SHA1 over URL and parameters, the status write with its rank check)
/// into a real SQLite file, as many in flight as the HTTP server would run.
struct Callbacks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Twilio status callbacks verified and applied per second (in process, SQLite FULL).")

    @Option var deliveries = 5_000
    @Option(help: "Callbacks in flight.") var concurrency = 64

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relay-callbacks-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SQLiteStore(try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path, synchronous: .full))
        let now = Date()
        _ = try await store.enqueue((0..<deliveries).map {
            NewDelivery(invoiceId: "in_\($0)", step: "due", kind: "due_today", channel: .sms, recipient: "+1415555\(String(format: "%04d", $0 % 10_000))", notBefore: now)
        }, now: now)
        let claimed = try await store.claimDue(now: now, limit: deliveries, owner: "bench", lease: 600)
        _ = try await store.completeAll(claimed.map {
            DeliveryCompletion(deliveryId: $0.id, owner: "bench", attempt: nil,
                               transition: .sent(provider: "twilio", messageId: "SM\($0.id)", templateId: "sms/due_today/en", templateVersion: 1), now: now)
        })
        let token = "bench-auth-token"
        let processor = try FeedbackProcessor(
            store: store, credentials: .init(twilioAuthToken: token), help: .init(businessName: "Bench", supportEmail: nil, supportPhone: nil),
            clock: SystemClock(), metrics: NOOPMetricsHandler.instance, logger: Logger(label: "bench")
        )
        let url = "https://relay.example.com/callbacks/twilio/status"
        let validator = TwilioRequestValidator(authToken: token)
        let requests: [(String, [UInt8])] = claimed.flatMap { delivery in
            ["sent", "delivered"].map { status -> (String, [UInt8]) in
                let fields = [("AccountSid", "AC00000000000000000000000000000001"), ("MessageSid", "SM\(delivery.id)"), ("MessageStatus", status), ("To", delivery.recipient ?? "")]
                let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
                return (validator.signature(url: url, parameters: fields.map { ($0.0, $0.1) }), Array(body.utf8))
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Micro.processCPUSeconds()
        var next = 0
        await withTaskGroup(of: Void.self) { group in
            func add() {
                let (signature, body) = requests[next]
                next += 1
                group.addTask { try? await processor.twilioStatus(url: url, signature: signature, body: body) }
            }
            while next < min(concurrency, requests.count) { add() }
            while await group.next() != nil {
                if next < requests.count { add() }
            }
        }
        let elapsed = (clock.now - start)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let cpu = Micro.processCPUSeconds() - cpuBefore
        let feedback = try await store.providerFeedback(deliveryIds: claimed.map(\.id))
        let delivered = feedback.values.filter { $0.status == .delivered }.count
        print(String(format: "callbacks: %d verified and applied in %.2f s = %.0f/s, %.0f µs CPU each; %d deliveries now delivered",
                     requests.count, seconds, Double(requests.count) / seconds, cpu / Double(requests.count) * 1e6, delivered))
    }
}

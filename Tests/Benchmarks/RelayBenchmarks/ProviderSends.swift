import ArgumentParser
import FakeProviders
import Foundation
import NIOCore
import Notifications
import InvoiceDomain
import AsyncHTTPClient

/// The HTTP floor under `deliveries`: messages sent straight through the SendGrid client to the fake,
/// no store, no scheduler, no templates.
struct ProviderSends: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "provider-sends", abstract: "Sends/s through the SendGrid client alone.")

    @Option var count = 5_000
    @Option(help: "Fake provider latency in milliseconds.") var latency = 50
    @Option(help: "Sends in flight.") var concurrency = 256

    func run() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: "SG.bench")
        sendgrid.setFaults(.latency(.milliseconds(latency)))
        let client = ProviderHTTPClient.make(connectTimeout: .seconds(5), readTimeout: .seconds(10), connectionsPerHost: concurrency)
        let provider = SendGridProvider(
            baseURL: sendgrid.baseURL, apiKey: "SG.bench", from: SenderIdentity(email: "billing@example.com", name: "Billing"),
            client: client, timeout: .seconds(10)
        )
        let message = OutboundMessage(
            channel: .email, to: "ada@example.com", toName: "Ada", subject: "Invoice INV-1: $125.00 due",
            html: "<p>Hello Ada, $125.00 is due.</p>", text: "Hello Ada, $125.00 is due.", idempotencyKey: "bench"
        )
        let clock = ContinuousClock()
        let start = clock.now
        let cpuBefore = Micro.processCPUSeconds()
        let sent = await withTaskGroup(of: Bool.self) { group in
            var started = 0
            var sent = 0
            while started < min(concurrency, count) {
                group.addTask { if case .sent = await provider.send(message).outcome { true } else { false } }
                started += 1
            }
            while let ok = await group.next() {
                if ok { sent += 1 }
                if started < count {
                    group.addTask { if case .sent = await provider.send(message).outcome { true } else { false } }
                    started += 1
                }
            }
            return sent
        }
        let cpu = Micro.processCPUSeconds() - cpuBefore
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "provider sends: %d in %.2f s = %.0f/s (latency %d ms, concurrency %d); CPU %.0f µs per send (client and fake)",
                     sent, seconds, Double(sent) / seconds, latency, concurrency, cpu / Double(max(sent, 1)) * 1e6))
        try await client.shutdown()
        await sendgrid.shutdown()
    }
}

import ArgumentParser
import AsyncHTTPClient
import FakeProviders
import Foundation
import NIOCore
import NIOHTTP1

/// Fixed-rate load (open loop): distinct signed Stripe events at `rate` req/s; reports latency percentiles.
/// Latency is measured from each request's scheduled start, so a stalled server cannot hide queueing.
struct Paced: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fixed-rate webhook load with latency percentiles.")

    @Option var url = "http://127.0.0.1:8080/webhooks/stripe"
    @Option var rate = 1000
    @Option var seconds = 10
    @Option var secret = "whsec_bench_secret"

    func run() async throws {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let total = rate * seconds
        let timestamp = Int64(Date().timeIntervalSince1970)
        let run = UUID().uuidString.prefix(8)
        let clock = ContinuousClock()
        let start = clock.now + .milliseconds(200)
        let interval = Duration.nanoseconds(1_000_000_000 / rate)
        let results = await withTaskGroup(of: (Double, Bool).self) { group in
            for i in 0..<total {
                let slot = start + interval * i
                group.addTask {
                    try? await clock.sleep(until: slot)
                    let body = #"{"id":"evt_paced_\#(run)_\#(i)","object":"event","type":"invoice.payment_failed","created":\#(timestamp),"data":{"object":{"id":"in_paced_\#(i % 5000)","object":"invoice","customer":"cus_1","currency":"usd","amount_due":12500,"amount_paid":0,"amount_remaining":12500,"status":"open","attempt_count":1}}}"#
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Stripe-Signature", value: StripeWebhookSigner.signatureHeader(payload: Array(body.utf8), secret: secret, timestamp: timestamp))
                    request.body = .bytes(ByteBuffer(string: body))
                    var ok = false
                    if let response = try? await client.execute(request, timeout: .seconds(10)) {
                        _ = try? await response.body.collect(upTo: 65536)
                        ok = response.status.code == 200
                    }
                    let elapsed = slot.duration(to: clock.now)
                    return (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15, ok)
                }
            }
            var all: [(Double, Bool)] = []
            for await result in group { all.append(result) }
            return all
        }
        try await client.shutdown()
        let latencies = results.map(\.0).sorted()
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(String(format: "paced %d req/s for %d s: %d ok / %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                     rate, seconds, results.filter(\.1).count, total, pct(0.5), pct(0.9), pct(0.99), latencies.last ?? 0))
    }
}

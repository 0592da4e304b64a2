import FakeProviders
import Foundation
import Hummingbird
import InvoiceDomain
import RelayServer
import Testing

/// The alert monitor POSTs Slack-compatible `{"text": …}` to the configured webhook when an alert fires and clears.
@Suite struct AlertWebhookTests {
    @Test func alertChangesArePostedToTheConfiguredWebhook() async throws {
        let received = LineSink()
        let router = Router()
        router.post("/hooks/alerts") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 64 * 1024)
            received.append(String(buffer: body))
            return .ok
        }
        let hook = try await FakeServer.start(router: router, name: "alert-hook")
        defer { Task { await hook.stop() } }

        var config = RelayHarness.configuration()
        config.reminders.enabled = false
        config.alerts.ingestP95Seconds = 0.000_001
        config.alerts.windowSeconds = 60
        config.alerts.webhookURL = URL(string: hook.baseURL + "/hooks/alerts")
        let clock = ManualClock(Date(timeIntervalSince1970: 1_764_000_100))
        try await RelayHarness.run(configuration: config, clock: clock, withRuntime: true) { relay in
            let alerts = try #require(relay.runtime?.alerts)
            let event = StripeEvents.invoice(eventId: "evt_hook", type: "invoice.finalized", created: 1_764_000_000, status: "open")
            _ = try await relay.postStripe(event, timestamp: 1_764_000_100)
            #expect(await alerts.evaluate().map(\.alert) == ["ingest_latency_p95"])
            clock.advance(by: 61)
            #expect(await alerts.evaluate().map(\.active) == [false])
        }
        let posts = received.all.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(posts.count == 2)
        #expect(posts.first?["text"]?.contains("ingest_latency_p95") == true)
        #expect(posts.last?["text"]?.contains("resolved") == true)
    }
}

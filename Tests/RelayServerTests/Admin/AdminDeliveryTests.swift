import AsyncHTTPClient
import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import Notifications
@testable import RelayServer
import StoreSeams
import Testing

/// Delivery listing, detail, replay (single, forced, bulk) and the end-to-end repair of a permanent failure.
@Suite struct AdminDeliveryTests {
    static let sendGridKey = "SG.admin-test-key-0123456789"

    /// The relay configured to send email through a fake SendGrid, templates from the repository.
    static func configuration(sendGrid: FakeSendGrid) throws -> RelayConfiguration {
        let json = jsonText([
            "server": ["port": 0],
            "database": ["path": ":memory:"],
            "business": ["name": "Acme Studio", "supportEmail": "billing@example.com", "timeZone": "UTC", "defaultLocale": "en"],
            "sources": [["name": "stripe", "scheme": "stripe", "secrets": [["env": "STRIPE_WEBHOOK_SECRET"]]]],
            "reminders": [
                "templatesDirectory": AdminFixture.templatesDirectory.path,
                "channels": ["email": ["primary": "sendgrid"], "sms": ["primary": "twilio"]],
            ],
            "providers": [
                "sendgrid": ["baseURL": sendGrid.baseURL, "credential": ["env": "SENDGRID_API_KEY"], "fromEmail": "billing@example.com"],
            ],
        ])
        return try ConfigurationLoader.decode(Data(json.utf8))
    }

    @Test func permanentFailureIsReplayedAfterTheFixAndDeliveredExactlyOnce() async throws {
        let sendGrid = try await FakeSendGrid.start(apiKey: Self.sendGridKey)
        let client = ProviderHTTPClient.make(connectTimeout: .milliseconds(500), readTimeout: .seconds(2))
        do {
            try await replayScenario(sendGrid, client: client)
        } catch {
            try? await client.shutdown()
            await sendGrid.shutdown()
            throw error
        }
        try await client.shutdown()
        await sendGrid.shutdown()
    }

    private func replayScenario(_ sendGrid: FakeSendGrid, client: HTTPClient) async throws {
        let clock = ManualClock(AdminFixture.now)
        var environment = RelayHarness.environment
        environment["SENDGRID_API_KEY"] = Self.sendGridKey
        try await RelayHarness.run(configuration: try Self.configuration(sendGrid: sendGrid), clock: clock, environment: environment) { relay in
            let reminders = try #require(try relay.relay.makeReminderService(httpClient: client))
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            try await AdminFixture.openInvoice(relay)

            // The provider rejects the message permanently.
            sendGrid.setFaults(.status(400))
            await reminders.scheduler.runOnce()
            let failed = try await relay.admin(.GET, "/v1/deliveries?status=failed", token: token)
            #expect(failed.status == 200)
            let row = try #require(failed.data.first)
            #expect(failed.data.count == 1)
            let id = try #require(row["id"] as? Int)
            #expect(row["step"] as? String == "overdue-3d")

            let detail = try await relay.admin(.GET, "/v1/deliveries/\(id)", token: token)
            let attempts = try #require(detail.json["attempts"] as? [[String: Any]])
            #expect(attempts.count == 1)
            #expect(attempts.first?["http_status"] as? Int == 400)
            #expect(attempts.first?["provider"] as? String == "sendgrid")
            #expect(attempts.first?["latency_ms"] is Double || attempts.first?["latency_ms"] is Int)

            // Nothing retries a permanent failure on its own.
            await reminders.scheduler.runOnce()
            #expect(sendGrid.delivered().isEmpty)

            // The operator fixes the cause, then replays.
            sendGrid.setFaults(.none)
            let replay = try await relay.admin(.POST, "/v1/deliveries/\(id)/replay", token: token)
            #expect(replay.status == 200)
            #expect((replay.json["delivery"] as? [String: Any])?["status"] as? String == "pending")
            #expect(replay.json["resend"] as? Bool == false)

            await reminders.scheduler.runOnce()
            await reminders.scheduler.runOnce()
            #expect(sendGrid.delivered().count == 1)
            let sent = try #require(try await relay.relay.store.delivery(id: Int64(id)))
            #expect(sent.status == .sent)
            #expect(sent.idempotencyKey == Delivery.key(invoiceId: "in_test_1", step: "overdue-3d", channel: .email))

            // The preview of that template for that invoice is exactly what was sent.
            let preview = try await relay.admin(.POST, "/v1/templates/email/overdue/en/preview", token: token, json: #"{"invoice_id":"in_test_1"}"#)
            #expect(preview.status == 200)
            let message = try #require(sendGrid.delivered().first)
            #expect(preview.json["subject"] as? String == message.subject)
            #expect(preview.json["html"] as? String == message.html)
            #expect(preview.json["text"] as? String == message.text)

            // Replaying a sent reminder needs force, and then counts as a deliberate resend.
            let refused = try await relay.admin(.POST, "/v1/deliveries/\(id)/replay", token: token, json: "{}")
            #expect(refused.status == 409)
            #expect(refused.errorCode == "already_sent")
            let forced = try await relay.admin(.POST, "/v1/deliveries/\(id)/replay", token: token, json: #"{"force":true}"#)
            #expect(forced.status == 200)
            #expect(forced.json["resend"] as? Bool == true)
            #expect((forced.json["delivery"] as? [String: Any])?["resend_count"] as? Int == 1)
            await reminders.scheduler.runOnce()
            #expect(sendGrid.delivered().count == 2)

            let actions = try await relay.admin(.GET, "/v1/audit", token: token).data.compactMap { $0["action"] as? String }
            #expect(actions.prefix(2) == ["delivery.resend", "delivery.replay"])
        }
    }

    @Test func bulkReplayRequeuesOnlyFailedAndDeadMatchingTheFilter() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let ids = try await AdminFixture.deliveries(relay.relay.store, [
                ("in_a", "overdue-3d", .email, .failed(error: "422 from provider")),
                ("in_b", "overdue-3d", .email, .dead(error: "attempts exhausted")),
                ("in_c", "overdue-3d", .sms, .failed(error: "bad number")),
                ("in_d", "overdue-3d", .email, .sent(provider: "sendgrid", messageId: "m1", templateId: "email/overdue/en", templateVersion: 1)),
                ("in_e", "due", .email, .failed(error: "422 from provider")),
            ])

            #expect(try await relay.admin(.POST, "/v1/deliveries/replay", token: token, json: "{}").errorCode == "filter_required")
            #expect(try await relay.admin(.POST, "/v1/deliveries/replay", token: token, json: #"{"status":"sent","step":"overdue-3d"}"#).status == 400)
            #expect(try await relay.admin(.POST, "/v1/deliveries/replay", token: token, json: #"{"channel":"fax"}"#).status == 400)

            let bulk = try await relay.admin(.POST, "/v1/deliveries/replay", token: token, json: #"{"channel":"email","step":"overdue-3d"}"#)
            #expect(bulk.status == 200)
            #expect(bulk.json["requeued"] as? Int == 2)
            var statuses: [DeliveryStatus] = []
            for id in ids { statuses.append(try #require(try await relay.relay.store.delivery(id: id)).status) }
            #expect(statuses == [.pending, .pending, .failed, .sent, .failed])

            let all = try await relay.admin(.POST, "/v1/deliveries/replay", token: token, json: #"{"all":true}"#)
            #expect(all.json["requeued"] as? Int == 2)

            let audit = try await relay.admin(.GET, "/v1/audit?action=delivery.replay_bulk", token: token)
            #expect(audit.data.count == 2)
            #expect((audit.data.last?["detail"] as? String)?.contains(#""requeued":"2""#) == true)
        }
    }

    @Test func listFiltersPaginateAndRejectBadValues() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.readToken(relay, clock: clock)
            let failed = DeliveryTransition.failed(error: "nope")
            try await AdminFixture.deliveries(relay.relay.store, (1...5).map { ("in_\($0)", "overdue-3d", Channel.email, failed) } + [("in_9", "due", .sms, nil)])

            var seen: [Int] = []
            var cursor: String?
            repeat {
                let page = try await relay.admin(.GET, "/v1/deliveries?status=failed&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
                #expect(page.status == 200)
                seen += page.data.compactMap { $0["id"] as? Int }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.count == 5 && seen == seen.sorted(by: >))

            #expect(try await relay.admin(.GET, "/v1/deliveries?channel=sms", token: token).data.count == 1)
            #expect(try await relay.admin(.GET, "/v1/deliveries?invoice_id=in_3", token: token).data.count == 1)
            #expect(try await relay.admin(.GET, "/v1/deliveries?provider=sendgrid&step=overdue-3d", token: token).data.count == 5)
            #expect(try await relay.admin(.GET, "/v1/deliveries?created_from=2025-12-04&created_to=2025-12-05", token: token).data.count == 6)
            #expect(try await relay.admin(.GET, "/v1/deliveries?created_from=2025-12-05T00:00:00Z", token: token).data.isEmpty)

            for bad in ["status=lost", "channel=fax", "limit=0", "limit=501", "limit=x", "cursor=abc", "created_from=yesterday",
                        "created_from=2025-12-05&created_to=2025-12-04", "colour=red", "status=failed&status=dead"] {
                let reply = try await relay.admin(.GET, "/v1/deliveries?\(bad)", token: token)
                #expect(reply.status == 400, "\(bad) → \(reply.status)")
            }
            #expect(try await relay.admin(.GET, "/v1/deliveries/999", token: token).errorCode == "delivery_not_found")
            #expect(try await relay.admin(.GET, "/v1/deliveries/abc", token: token).errorCode == "invalid_id")
        }
    }

    @Test func replayOfQueuedDeliveryConflictsAndUnknownIs404() async throws {
        let clock = ManualClock(AdminFixture.now)
        try await RelayHarness.run(clock: clock) { relay in
            let token = try await AdminFixture.adminToken(relay, clock: clock)
            let ids = try await AdminFixture.deliveries(relay.relay.store, [("in_q", "due", .email, nil)])
            let queued = try await relay.admin(.POST, "/v1/deliveries/\(ids[0])/replay", token: token)
            #expect(queued.status == 409)
            #expect(queued.errorCode == "not_replayable")
            #expect(try await relay.admin(.POST, "/v1/deliveries/4242/replay", token: token).status == 404)
            #expect(try await relay.admin(.POST, "/v1/deliveries/\(ids[0])/replay", token: token, json: #"{"force":"yes"}"#).status == 400)
        }
    }
}

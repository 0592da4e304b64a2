import FakeProviders
import Foundation
import InvoiceDomain
import PostgresTestSupport
import RelayServer
import StoreSeams
import Synchronization
import Testing

/// Three relays in one process, each with its own pool, on one PostgreSQL database: nothing is applied or sent
/// twice. Without `INVOICE_RELAY_TEST_POSTGRES_URL` the tests are skipped (`postgresIsConfigured` says so; in CI it
/// fails instead).
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "PostgreSQL tests skipped: INVOICE_RELAY_TEST_POSTGRES_URL is not set"))
struct MultiInstanceTests {
    static let now = Date(timeIntervalSince1970: 1_764_849_600)

    @Test func twentyCopiesOfOneEventAcrossThreeRelaysAreAppliedOnce() async throws {
        try await RelayCluster.run(count: 3, configuration: RelayHarness.configuration(), environment: RelayHarness.environment, clock: ManualClock(Self.now)) { relays in
            let event = StripeEvents.invoice(eventId: "evt_cluster", type: "invoice.finalized", created: 1_764_000_000, invoiceId: "in_cluster", status: "open")
            let replies = try await withThrowingTaskGroup(of: RelayHarness.Reply.self) { group in
                for copy in 0..<20 {
                    let relay = relays[copy % relays.count].harness
                    group.addTask { try await relay.postStripe(event, timestamp: Int64(Self.now.timeIntervalSince1970)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { (200..<300).contains($0.status) }, "\(replies.map(\.status))")
            #expect(replies.filter { $0.json["duplicate"] as? Bool == false }.count == 1)
            #expect(replies.filter { $0.json["duplicate"] as? Bool == true }.count == 19)
            let stored = try await relays[0].relay.store.events(matching: EventFilter(invoiceId: "in_cluster"), limit: 50, before: nil)
            #expect(stored.count == 1)
            #expect(stored.first?.duplicateCount == 19)
            #expect(try await relays[2].relay.store.invoice(id: "in_cluster")?.status == .open)
        }
    }

    @Test func threeSchedulersSendAThousandDueRemindersExactlyOnce() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        var config = try OperationsTests.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        config.reminders.tickSeconds = 0.05
        // The clock stands still, so each relay's token bucket never refills: let the burst cover the test.
        config.providers.sendgrid?.burst = Double(2 * 1_000)
        config.reminders.templatesDirectory = RelayHarness.repositoryRoot.appendingPathComponent("templates").path
        let count = 1_000
        try await RelayCluster.run(
            count: 3, configuration: config, environment: OperationsTests.environment, clock: ManualClock(Self.now), withRuntime: true
        ) { relays in
            // 1,000 overdue invoices, email only (no phone), stored through one relay in batches.
            let events = (0..<count).map { Self.overdueEvent($0) }
            for start in stride(from: 0, to: count, by: 200) {
                for result in try await relays[0].relay.store.ingest(Array(events[start..<min(start + 200, count)])) { _ = try result.get() }
            }
            let deadline = ContinuousClock.now + .seconds(120)
            while sendgrid.delivered().count < count, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            // Let any double send that was about to happen arrive.
            try await Task.sleep(for: .milliseconds(500))
            let delivered = sendgrid.delivered()
            let all = try await relays[1].relay.store.deliveries(matching: DeliveryFilter(), limit: 5_000, before: nil)
            let byStatus = Dictionary(grouping: all, by: \.status).mapValues(\.count)
            let errors = Set(all.compactMap(\.lastError)).prefix(5)
            #expect(delivered.count == count, "outbox: \(byStatus), errors: \(errors)")
            #expect(Set(delivered.map(\.to)).count == count, "one email per invoice, none twice")
            let sent = try await relays[1].relay.store.deliveries(matching: DeliveryFilter(status: .sent), limit: 5_000, before: nil)
            #expect(sent.count == count)
            let leaders = relays.filter { $0.relay.services.leadership?.isLeader(.reminderPlanning) == true }
            #expect(leaders.count == 1, "exactly one relay plans")
            let owners = Set(try await relays[2].relay.store.deliveries(matching: DeliveryFilter(), limit: 5_000, before: nil).compactMap(\.provider))
            #expect(owners == ["sendgrid"])
        }
    }

    @Test func aTemplateEditedThroughOneRelayIsUsedByAnothersSchedulerOnItsNextTick() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        var config = try OperationsTests.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        config.reminders.templatesDirectory = RelayHarness.repositoryRoot.appendingPathComponent("templates").path
        try await RelayCluster.run(
            count: 2, configuration: config, environment: OperationsTests.environment, clock: ManualClock(Self.now), withRuntime: true
        ) { relays in
            let (editor, sender) = (relays[0], relays[1])
            let token = try await editor.relay.admin.createToken(name: "ops", scope: .admin, expiresIn: nil, actor: "test").secret
            let edit = try await editor.harness.admin(.PUT, "/v1/templates/email/overdue/en", token: token, json: """
                {"subject": "CLUSTER-EDIT {{invoice_number}}", "html": "<p>CLUSTER-EDIT pay {{amount_remaining}}</p>", "text": "CLUSTER-EDIT pay {{amount_remaining}}"}
                """)
            #expect(edit.status == 201)
            for result in try await sender.relay.store.ingest([Self.overdueEvent(0)]) { _ = try result.get() }
            // Whichever relay plans, the sender's scheduler claims and renders the new version on its next tick.
            let deadline = ContinuousClock.now + .seconds(30)
            let scheduler = try #require(sender.relay.services.reminders?.scheduler)
            let planner = try #require(relays.first { $0.relay.services.leadership?.isLeader(.reminderPlanning) == true } ?? relays.first)
            while sendgrid.delivered().isEmpty, ContinuousClock.now < deadline {
                _ = try await planner.relay.services.reminders?.scheduler.plan()
                _ = await scheduler.runOnce()
                try await Task.sleep(for: .milliseconds(50))
            }
            let message = try #require(sendgrid.delivered().first)
            #expect(message.subject?.hasPrefix("CLUSTER-EDIT") == true)
            let sent = try await sender.relay.store.deliveries(matching: DeliveryFilter(status: .sent), limit: 10, before: nil)
            #expect(sent.first?.templateVersion == 2)
        }
    }

    @Test func aFollowerTakesOverPlanningWithinTheLeaseAfterTheLeaderStops() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let config = try OperationsTests.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        try await RelayCluster.run(
            count: 2, configuration: config, environment: OperationsTests.environment, clock: ManualClock(Self.now),
            withRuntime: true, leaseSeconds: 2
        ) { relays in
            let deadline = ContinuousClock.now + .seconds(10)
            var leader: RelayCluster.Member?
            while leader == nil, ContinuousClock.now < deadline {
                leader = relays.first { $0.relay.services.leadership?.isLeader(.reminderPlanning) == true }
                if leader == nil { try await Task.sleep(for: .milliseconds(50)) }
            }
            let current = try #require(leader)
            let follower = try #require(relays.first { $0.harness.baseURL != current.harness.baseURL })
            #expect(follower.relay.services.leadership?.isLeader(.reminderPlanning) == false)
            let ready = try await current.harness.request(.GET, "/readyz")
            #expect(ready.status == 200)
            #expect((ready.json["leader"] as? String)?.contains("reminder_planning") == true, "\(ready.json)")
            #expect(try await follower.harness.request(.GET, "/readyz").json["leader"] as? String == "none")
            let metrics = String(decoding: try await current.harness.request(.GET, "/metrics").body, as: UTF8.self)
            #expect(try PrometheusText.parse(metrics)[#"invoice_relay_leader{role="reminder_planning"}"#] == 1)
            // A crash: the leader stops renewing without resigning (its lease row stays until it lapses).
            let stopped = ContinuousClock.now
            current.relay.services.leadership?.suspendForTesting()
            while follower.relay.services.leadership?.isLeader(.reminderPlanning) != true, ContinuousClock.now < stopped + .seconds(10) {
                try await Task.sleep(for: .milliseconds(20))
            }
            let takeover = ContinuousClock.now - stopped
            #expect(follower.relay.services.leadership?.isLeader(.reminderPlanning) == true)
            #expect(takeover < .seconds(2) + .milliseconds(2 * 2000 / 3) + .milliseconds(500), "took over after \(takeover)")
            print("leadership failover (lease 2 s, no resign): \(takeover)")
        }
    }

    /// An overdue invoice (due 2025-12-01) of its own customer, e-mail only.
    static func overdueEvent(_ index: Int) -> IncomingEvent {
        let id = "in_bulk_\(index)"
        let snapshot = InvoiceSnapshot(
            providerInvoiceId: id, number: "INV-\(index)", customerId: "cus_bulk_\(index)", customerName: "Customer \(index)",
            customerEmail: "customer\(index)@example.com", customerPhone: nil, customerLocale: "en", customerTimeZone: "UTC",
            currency: "usd", amountDue: 12_500, amountPaid: 0, amountRemaining: 12_500, dueDate: Date(timeIntervalSince1970: 1_764_600_000),
            providerStatus: "open"
        )
        let eventId = "evt_bulk_\(index)"
        let created = Date(timeIntervalSince1970: 1_764_000_000)
        return IncomingEvent(
            source: "stripe", eventId: eventId, origin: .webhook, receivedAt: created, headers: [:], body: Array(#"{"id":"\#(eventId)"}"#.utf8),
            content: .invoice(InvoiceEvent(source: "stripe", eventId: eventId, kind: .finalized, createdAt: created, apiVersion: "2024-06-20", invoice: snapshot))
        )
    }
}

/// Reports whether ``MultiInstanceTests`` ran; fails in CI (`CI=true`), where PostgreSQL must be tested.
@Suite struct MultiInstanceAvailabilityTests {
    @Test func postgresIsConfigured() {
        guard !PostgresTestDatabase.isAvailable else { return }
        if PostgresTestDatabase.isRequired {
            Issue.record("\(PostgresTestDatabase.skipMessage) (CI=true: run Tests/Postgres/setup.sh and export it)")
        } else {
            print(PostgresTestDatabase.skipMessage)
        }
    }
}

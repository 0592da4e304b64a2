import FakeProviders
import Foundation
import GRDB
import InvoiceDomain
import InvoiceStore
import Notifications
import RelayServer
import StoreSeams
import Testing

/// A delivery whose lease expired while it was `sending` may already be at the provider (the process died between
/// the provider's answer and our commit). Before sending it again the scheduler asks the provider; Postmark and
/// Twilio say so, and nothing is sent twice. SendGrid offers no lookup: the resend is marked a possible duplicate.
@Suite struct InDoubtSendTests {
    static let postmarkToken = "postmark-server-token-do-not-log"

    static func configuration(sendgrid: FakeSendGrid, postmark: FakePostmark, twilio: FakeTwilio, emailVia provider: MessagingProvider) throws -> RelayConfiguration {
        var config = try OperationsTests.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        config.providers.postmark = try JSONDecoder().decode(ProvidersSettings.self, from: Data("""
            { "postmark": { "baseURL": "\(postmark.baseURL)", "credential": { "env": "POSTMARK_SERVER_TOKEN" }, "fromEmail": "billing@example.com" } }
            """.utf8)).postmark
        config.reminders.channels.email = ProviderChoice(primary: provider, fallback: nil)
        config.reminders.leaseSeconds = 60
        return config
    }

    static var environment: [String: String] { OperationsTests.environment.merging(["POSTMARK_SERVER_TOKEN": postmarkToken]) { $1 } }

    /// What a crash between the provider's answer and our commit leaves: every delivery back in `sending`, leased by
    /// an instance that is gone, its lease already expired.
    static func crashAfterSending(_ relay: RelayHarness, at now: Date) async throws {
        try await #require(relay.relay.database).writer.write { db in
            try db.execute(
                sql: "UPDATE delivery SET status = 'sending', leaseOwner = 'dead-instance', leaseExpiresAt = ?, sentAt = NULL, providerMessageId = NULL",
                arguments: [now.addingTimeInterval(-1)]
            )
        }
    }

    /// The fakes, a relay whose e-mail goes through `provider`, and one overdue invoice (its current step sends e-mail
    /// and SMS); `body` gets the relay, the clock and the scheduler.
    static func scenario(
        emailVia provider: MessagingProvider,
        _ body: @Sendable (RelayHarness, ManualClock, ReminderScheduler, (sendgrid: FakeSendGrid, postmark: FakePostmark, twilio: FakeTwilio)) async throws -> Void
    ) async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let postmark = try await FakePostmark.start(serverToken: postmarkToken)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await postmark.shutdown(); await twilio.shutdown() } }
        let config = try configuration(sendgrid: sendgrid, postmark: postmark, twilio: twilio, emailVia: provider)
        let clock = ManualClock(Date(timeIntervalSince1970: 1_764_000_100))
        try await RelayHarness.run(configuration: config, clock: clock, environment: environment, withRuntime: true) { relay in
            let event = StripeEvents.invoice(eventId: "evt_doubt", type: "invoice.finalized", created: 1_764_000_000, status: "open", dueDate: 1_763_000_000)
            #expect(try await relay.postStripe(event, timestamp: 1_764_000_100).status == 200)
            try await body(relay, clock, try #require(relay.runtime?.reminders?.scheduler), (sendgrid, postmark, twilio))
        }
    }

    @Test func postmarkAndTwilioAreAskedAndNothingIsSentTwice() async throws {
        try await Self.scenario(emailVia: .postmark) { relay, clock, scheduler, fakes in
            let (sendgrid, postmark, twilio) = (fakes.sendgrid, fakes.postmark, fakes.twilio)
            _ = await scheduler.runOnce()
            #expect(postmark.delivered().count == 1)
            #expect(twilio.delivered().count == 1)

            try await Self.crashAfterSending(relay, at: clock.now())
            _ = await scheduler.runOnce()

            #expect(postmark.delivered().count == 1)
            #expect(twilio.delivered().count == 1)
            let rows = try await relay.relay.store.deliveries(matching: DeliveryFilter(), limit: 10, before: nil)
            #expect(rows.count == 2)
            for row in rows {
                #expect(row.status == .sent)
                let expected = row.channel == .email ? postmark.delivered().first?.providerMessageId : twilio.delivered().first?.providerMessageId
                #expect(row.providerMessageId == expected)
            }
        }
    }

    @Test func aDeliveryThatNeverReachedTheProviderIsSentOnce() async throws {
        try await Self.scenario(emailVia: .postmark) { relay, clock, scheduler, fakes in
            let (sendgrid, postmark, twilio) = (fakes.sendgrid, fakes.postmark, fakes.twilio)
            _ = try await scheduler.plan()
            // Claimed by an instance that died before calling the providers.
            _ = try await relay.relay.store.claimDue(now: clock.now(), limit: 10, owner: "dead-instance", lease: 1)
            clock.advance(by: 2)
            _ = await scheduler.runOnce()
            #expect(postmark.delivered().count == 1)
            #expect(twilio.delivered().count == 1)
            let rows = try await relay.relay.store.deliveries(matching: DeliveryFilter(), limit: 10, before: nil)
            #expect(rows.allSatisfy { $0.status == .sent })
        }
    }

    @Test func sendGridHasNoLookupSoTheResendIsMarkedAPossibleDuplicate() async throws {
        try await Self.scenario(emailVia: .sendgrid) { relay, clock, scheduler, fakes in
            let (sendgrid, postmark, twilio) = (fakes.sendgrid, fakes.postmark, fakes.twilio)
            _ = await scheduler.runOnce()
            try await Self.crashAfterSending(relay, at: clock.now())
            _ = await scheduler.runOnce()
            #expect(sendgrid.delivered().count == 2)
            #expect(twilio.delivered().count == 1)
            let email = try #require(try await relay.relay.store.deliveries(matching: DeliveryFilter(channel: .email), limit: 1, before: nil).first)
            let attempts = try await relay.relay.store.attempts(deliveryId: email.id)
            #expect(attempts.last?.error?.hasPrefix("possible_duplicate") == true)
            let metrics = String(decoding: try await relay.request(.GET, "/metrics").body, as: UTF8.self)
            #expect(metrics.contains(#"invoice_relay_possible_duplicates_total{provider="sendgrid"} 1"#))
        }
    }
}

import Crypto
import DeliveryFeedback
import FakeProviders
import Foundation
import InvoiceDomain
import InvoiceStore
import RelayServer
import StoreSeams
import Testing

/// The customer's loop after the provider's 202, end to end: signed callbacks in, statuses and suppressions
/// recorded, and the next reminders to a suppressed address cancelled while the other channel still goes.
@Suite struct DeliveryFeedbackEndpointTests {
    static let publicURL = "https://relay.example.com"
    static let phone = "+14155550123"
    static let email = "jane@example.com"
    static let postmarkUser = "postmark-hooks"
    static let postmarkPassword = "postmark-hook-password"

    struct Setup: Sendable {
        var config: RelayConfiguration
        var environment: [String: String]
        /// The SendGrid signing key's raw bytes (swift-crypto's key type is not `Sendable`).
        var sendgridKey: Data
    }

    static func setup(sendgrid: FakeSendGrid, twilio: FakeTwilio) throws -> Setup {
        var config = try OperationsTests.reminderConfiguration(sendgrid: sendgrid, twilio: twilio)
        config.server.publicURL = URL(string: publicURL)
        let key = P256.Signing.PrivateKey()
        config.callbacks.sendgridPublicKey = key.publicKey.derRepresentation.base64EncodedString()
        config.callbacks.postmarkUsername = SecretReference(env: "POSTMARK_HOOK_USER")
        config.callbacks.postmarkPassword = SecretReference(env: "POSTMARK_HOOK_PASSWORD")
        var environment = OperationsTests.environment
        environment["POSTMARK_HOOK_USER"] = postmarkUser
        environment["POSTMARK_HOOK_PASSWORD"] = postmarkPassword
        return Setup(config: config, environment: environment, sendgridKey: key.rawRepresentation)
    }

    /// A week and a half overdue at `now`: the current step (`overdue-7d`) sends e-mail and SMS.
    static let now = Date(timeIntervalSince1970: 1_764_000_100)

    static func overdueInvoice(_ relay: RelayHarness) async throws {
        let event = StripeEvents.invoice(eventId: "evt_fb", type: "invoice.finalized", created: 1_764_000_000, status: "open", dueDate: 1_763_000_000)
        #expect(try await relay.postStripe(event, timestamp: 1_764_000_100).status == 200)
    }

    // MARK: - Signing, as the providers do

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
    }

    static func postTwilio(_ relay: RelayHarness, path: String, _ fields: [(String, String)], token: String = OperationsTests.twilioToken) async throws -> RelayHarness.Reply {
        let signature = TwilioRequestValidator(authToken: token).signature(url: publicURL + path, parameters: fields.map { ($0.0, $0.1) })
        return try await relay.request(
            .POST, path, headers: [("X-Twilio-Signature", signature), ("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(form(fields).utf8)
        )
    }

    static func postSendGrid(_ relay: RelayHarness, key: Data, events: [[String: Any]], timestamp: Int = 1_764_000_100) async throws -> RelayHarness.Reply {
        var body = try JSONSerialization.data(withJSONObject: events)
        body.append(contentsOf: Array("\r\n".utf8))
        var signed = Data(String(timestamp).utf8)
        signed.append(body)
        let signature = try P256.Signing.PrivateKey(rawRepresentation: key).signature(for: signed).derRepresentation.base64EncodedString()
        return try await relay.request(.POST, "/callbacks/sendgrid/events", headers: [
            ("X-Twilio-Email-Event-Webhook-Signature", signature), ("X-Twilio-Email-Event-Webhook-Timestamp", String(timestamp)),
            ("Content-Type", "application/json"),
        ], body: Array(body))
    }

    static func deliveries(_ relay: RelayHarness, _ channel: Channel) async throws -> [Delivery] {
        try await relay.relay.store.deliveries(matching: DeliveryFilter(channel: channel), limit: 50, before: nil)
    }

    // MARK: - Tests

    @Test func stopSuppressesTheNumberAndItsSMSIsCancelledWhileTheEmailGoesThenStartLiftsIt() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: setup.config, clock: ManualClock(Self.now), environment: setup.environment, withRuntime: true) { relay in
            try await Self.overdueInvoice(relay)
            let stop = try await Self.postTwilio(relay, path: "/callbacks/twilio/inbound", [
                ("AccountSid", OperationsTests.twilioSid), ("Body", " stop "), ("From", Self.phone), ("MessageSid", "SMin1"), ("To", "+15555550100"),
            ])
            #expect(stop.status == 200)
            #expect(stop.headers.first(name: "Content-Type")?.hasPrefix("text/xml") == true)
            #expect(String(decoding: stop.body, as: UTF8.self).contains("<Response/>"))
            #expect(try await relay.relay.store.suppression(channel: .sms, address: Self.phone)?.reason == .stop)

            let scheduler = try #require(relay.runtime?.reminders?.scheduler)
            _ = await scheduler.runOnce()
            #expect(sendgrid.delivered().count == 1)
            #expect(twilio.delivered().isEmpty)
            let sms = try #require(try await Self.deliveries(relay, .sms).first)
            #expect(sms.status == .cancelled)
            #expect(sms.lastError == "suppressed")

            let start = try await Self.postTwilio(relay, path: "/callbacks/twilio/inbound", [("Body", "START"), ("From", Self.phone), ("MessageSid", "SMin2")])
            #expect(start.status == 200)
            #expect(try await relay.relay.store.suppression(channel: .sms, address: Self.phone) == nil)

            let help = try await Self.postTwilio(relay, path: "/callbacks/twilio/inbound", [("Body", "HELP"), ("From", Self.phone), ("MessageSid", "SMin3")])
            #expect(String(decoding: help.body, as: UTF8.self).contains("<Message>"))
        }
    }

    @Test func twilioStatusCallbacksMoveForwardOnlyAndABadSignatureChangesNothing() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: setup.config, clock: ManualClock(Self.now), environment: setup.environment, withRuntime: true) { relay in
            try await Self.overdueInvoice(relay)
            _ = try await #require(relay.runtime?.reminders?.scheduler).runOnce()
            let sent = try #require(twilio.delivered().first)
            // Our StatusCallback, built from server.publicURL, travelled with the message.
            let request = try #require(twilio.requests().last)
            #expect(String(decoding: request.body, as: UTF8.self).contains("StatusCallback=https%3A%2F%2Frelay.example.com%2Fcallbacks%2Ftwilio%2Fstatus"))
            let sid = sent.providerMessageId
            let sms = try #require(try await Self.deliveries(relay, .sms).first)

            func status(_ value: String) async throws -> Int {
                try await Self.postTwilio(relay, path: "/callbacks/twilio/status", [("MessageSid", sid), ("MessageStatus", value), ("To", Self.phone)]).status
            }
            #expect(try await status("sent") == 200)
            #expect(try await status("delivered") == 200)
            #expect(try await status("sent") == 200)  // late
            #expect(try await status("delivered") == 200)  // duplicate
            let feedback = try await relay.relay.store.providerFeedback(deliveryIds: [sms.id])
            #expect(feedback[sms.id]?.status == .delivered)

            let forged = try await Self.postTwilio(relay, path: "/callbacks/twilio/status", [("MessageSid", sid), ("MessageStatus", "failed")], token: "not-the-token")
            #expect(forged.status == 401)
            #expect(forged.errorCode == "invalid_signature")
            #expect(try await relay.relay.store.providerFeedback(deliveryIds: [sms.id])[sms.id]?.status == .delivered)

            let unknown = try await Self.postTwilio(relay, path: "/callbacks/twilio/status", [("MessageSid", "SMnotours"), ("MessageStatus", "delivered")])
            #expect(unknown.status == 200)
        }
    }

    @Test func aHardBounceSuppressesTheAddressAndTheNextStepsEmailIsCancelledWhileItsSMSGoes() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        let clock = ManualClock(Self.now)
        try await RelayHarness.run(configuration: setup.config, clock: clock, environment: setup.environment, withRuntime: true) { relay in
            try await Self.overdueInvoice(relay)
            let scheduler = try #require(relay.runtime?.reminders?.scheduler)
            _ = await scheduler.runOnce()
            let email = try #require(try await Self.deliveries(relay, .email).first)
            #expect(email.status == .sent)

            let bounce = try await Self.postSendGrid(relay, key: setup.sendgridKey, events: [
                ["email": Self.email, "event": "bounce", "type": "bounce", "idempotency_key": email.idempotencyKey, "sg_message_id": "x.filter0", "timestamp": 1_764_000_090],
                ["email": "someone-else@example.com", "event": "open", "timestamp": 1_764_000_090],
            ])
            #expect(bounce.status == 200)
            #expect(try await relay.relay.store.suppression(channel: .email, address: "JANE@example.com")?.reason == .hardBounce)
            #expect(try await relay.relay.store.providerFeedback(deliveryIds: [email.id])[email.id]?.status == .bounced)

            // A stale signed batch is refused and changes nothing.
            let stale = try await Self.postSendGrid(relay, key: setup.sendgridKey, events: [["email": "x@example.com", "event": "spamreport"]], timestamp: 1_763_000_000)
            #expect(stale.status == 401)
            #expect(try await relay.relay.store.suppression(channel: .email, address: "x@example.com") == nil)

            // A week later the final notice falls due: its e-mail is cancelled, its SMS goes.
            clock.advance(by: 7 * 86_400)
            let smsBefore = twilio.delivered().count
            _ = await scheduler.runOnce()
            #expect(sendgrid.delivered().count == 1)
            #expect(twilio.delivered().count == smsBefore + 1)
            let cancelled = try await Self.deliveries(relay, .email).filter { $0.status == .cancelled }
            #expect(cancelled.map(\.lastError) == ["suppressed"])
        }
    }

    @Test func postmarkNeedsItsBasicCredentialsAndAHardBounceSuppresses() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: setup.config, clock: ManualClock(Self.now), environment: setup.environment) { relay in
            let body = Array(#"{"RecordType":"Bounce","Type":"HardBounce","Inactive":true,"MessageID":"883953f4","Email":"John@Example.com","Metadata":{"idempotency_key":"unknown|step|email"}}"#.utf8)
            func post(_ user: String, _ password: String) async throws -> RelayHarness.Reply {
                try await relay.request(.POST, "/callbacks/postmark", headers: [
                    ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()), ("Content-Type", "application/json"),
                ], body: body)
            }
            #expect(try await post(Self.postmarkUser, "wrong").status == 401)
            #expect(try await relay.relay.store.suppression(channel: .email, address: "john@example.com") == nil)
            #expect(try await post(Self.postmarkUser, Self.postmarkPassword).status == 200)
            #expect(try await relay.relay.store.suppression(channel: .email, address: "john@example.com")?.reason == .hardBounce)
            let garbage = try await relay.request(.POST, "/callbacks/postmark", headers: [
                ("Authorization", "Basic " + Data("\(Self.postmarkUser):\(Self.postmarkPassword)".utf8).base64EncodedString()),
            ], body: Array("not json".utf8))
            #expect(garbage.status == 400)
        }
    }

    @Test func twilio21610AtSendTimeFailsWithoutRetryAndSuppressesTheNumber() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        twilio.setFaults(.status(400, body: #"{"code":21610,"message":"Attempt to send to unsubscribed recipient","more_info":"https://www.twilio.com/docs/errors/21610","status":400}"#))
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: setup.config, clock: ManualClock(Self.now), environment: setup.environment, withRuntime: true) { relay in
            try await Self.overdueInvoice(relay)
            _ = try await #require(relay.runtime?.reminders?.scheduler).runOnce()
            let sms = try #require(try await Self.deliveries(relay, .sms).first)
            #expect(sms.status == .failed)
            #expect(sms.attempts == 1)
            let suppression = try #require(try await relay.relay.store.suppression(channel: .sms, address: Self.phone))
            #expect(suppression.reason == .carrier)
            #expect(suppression.deliveryId == sms.id)
        }
    }

    @Test func fakeTwilioPostsSignedStatusCallbacksThatEndInDeliveredOrSuppressTheNumber() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown() } }
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: setup.config, clock: ManualClock(Self.now), environment: setup.environment, withRuntime: true) { relay in
            twilio.redirectCallbacks(to: relay.baseURL)
            twilio.setCallbackOutcome(.undelivered(errorCode: 30003))
            try await Self.overdueInvoice(relay)
            _ = try await #require(relay.runtime?.reminders?.scheduler).runOnce()
            let sms = try #require(try await Self.deliveries(relay, .sms).first)
            for _ in 0..<200 where twilio.postedCallbacks().count < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(twilio.postedCallbacks().map(\.status) == ["sent", "undelivered"])
            #expect(twilio.postedCallbacks().map(\.httpStatus) == [200, 200])
            #expect(try await relay.relay.store.providerFeedback(deliveryIds: [sms.id])[sms.id]?.status == .undelivered)
            #expect(try await relay.relay.store.suppression(channel: .sms, address: Self.phone)?.reason == .carrier)

            // The customer texts START from the number: the suppression is lifted.
            let reply = await twilio.simulateInbound(body: "START", from: Self.phone, to: "+15555550100", url: Self.publicURL + "/callbacks/twilio/inbound", redirect: relay.baseURL)
            #expect(reply?.status == 200)
            #expect(try await relay.relay.store.suppression(channel: .sms, address: Self.phone) == nil)
        }
    }

    @Test func fakeSendGridAndPostmarkPostTheirOwnSignedFeedback() async throws {
        let sendgrid = try await FakeSendGrid.start(apiKey: OperationsTests.sendgridKey)
        let twilio = try await FakeTwilio.start(accountSid: OperationsTests.twilioSid, authToken: OperationsTests.twilioToken)
        let postmark = try await FakePostmark.start(serverToken: InDoubtSendTests.postmarkToken)
        defer { Task { await sendgrid.shutdown(); await twilio.shutdown(); await postmark.shutdown() } }
        let setup = try Self.setup(sendgrid: sendgrid, twilio: twilio)
        try await RelayHarness.run(configuration: setup.config, clock: ManualClock(Self.now), environment: setup.environment, withRuntime: true) { relay in
            try await Self.overdueInvoice(relay)
            _ = try await #require(relay.runtime?.reminders?.scheduler).runOnce()
            let message = try #require(sendgrid.delivered().first)
            let email = try #require(try await Self.deliveries(relay, .email).first)
            let status = try await sendgrid.postEvents([(message, .delivered)], to: relay.baseURL + "/callbacks/sendgrid/events", signingKey: setup.sendgridKey, timestamp: Self.now)
            #expect(status == 200)
            #expect(try await relay.relay.store.providerFeedback(deliveryIds: [email.id])[email.id]?.status == .delivered)
            #expect(try await relay.relay.store.suppression(channel: .email, address: Self.email) == nil)

            // Postmark reports a hard bounce for a message of its own (unknown to this relay): the address is suppressed.
            let bounced = DeliveredMessage(to: "kim@example.com", from: "billing@example.com", text: "x", providerMessageId: "pm-1")
            let wrong = try await postmark.postBounce(for: bounced, hard: true, to: relay.baseURL + "/callbacks/postmark", username: Self.postmarkUser, password: "nope")
            #expect(wrong == 401)
            let right = try await postmark.postBounce(for: bounced, hard: true, to: relay.baseURL + "/callbacks/postmark", username: Self.postmarkUser, password: Self.postmarkPassword)
            #expect(right == 200)
            #expect(try await relay.relay.store.suppression(channel: .email, address: "kim@example.com")?.reason == .hardBounce)
        }
    }
}

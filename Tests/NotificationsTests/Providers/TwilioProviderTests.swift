import FakeProviders
import Foundation
import InvoiceDomain
@testable import Notifications
import Testing

@Suite("Twilio provider")
struct TwilioProviderTests {
    @Test("Sends a form to the account's Messages.json with basic auth, encoding +, & and unicode")
    func requestShape() async throws {
        try await ProviderHarness.with(.twilio) { harness in
            var message = harness.message
            message.text = "Pay $5 + tax & fees — café ☕ 100%"
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "sent")
            #expect(result.httpStatus == 201)

            let request = try #require(harness.requests().first)
            let sid = "AC" + String(repeating: "a", count: 32)
            #expect(request.method == "POST")
            #expect(request.path == "/2010-04-01/Accounts/\(sid)/Messages.json")
            let credentials = Data("\(sid):\(harness.secret)".utf8).base64EncodedString()
            #expect(request.header("Authorization") == "Basic \(credentials)")
            #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(request.bodyText == "To=%2B15551234567&From=%2B15557654321&Body=Pay+%245+%2B+tax+%26+fees+%E2%80%94+caf%C3%A9+%E2%98%95+100%25")
            #expect(request.fields == ["To": "+15551234567", "From": "+15557654321", "Body": message.text])

            let delivered = try #require(harness.delivered().first)
            #expect(delivered.to == "+15551234567")
            #expect(delivered.text == message.text)
            #expect(result.outcome == .sent(messageId: delivered.providerMessageId))
            #expect(delivered.providerMessageId.hasPrefix("SM"))
            #expect(delivered.providerMessageId.count == 34)
        }
    }

    @Test("A messaging service is sent as MessagingServiceSid instead of From")
    func messagingService() async throws {
        let service = "MG" + String(repeating: "b", count: 32)
        try await ProviderHarness.with(
            .twilio, from: SenderIdentity(phone: "+15557654321", messagingServiceSid: service)
        ) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "sent")
            let fields = try #require(harness.requests().first).fields
            #expect(fields["MessagingServiceSid"] == service)
            #expect(fields["From"] == nil)
            #expect(harness.delivered().first?.from == service)
        }
    }

    @Test("An invalid To is permanent with Twilio's code and message")
    func invalidNumber() async throws {
        try await ProviderHarness.with(.twilio) { harness in
            var message = harness.message
            message.to = "5551234"
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.httpStatus == 400)
            let reason = try #require(result.outcome.reason)
            #expect(reason.contains("21211"))
            #expect(reason.contains("is not a valid phone number"))
        }
    }

    @Test("An empty body is permanent (21602)")
    func emptyBody() async throws {
        try await ProviderHarness.with(.twilio) { harness in
            var message = harness.message
            message.text = ""
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.outcome.reason?.contains("21602") == true)
        }
    }

    @Test("Wrong credentials get Twilio's 20003")
    func wrongCredentials() async throws {
        try await ProviderHarness.with(.twilio, validCredentials: false) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "credentials")
            #expect(result.outcome.reason?.contains("20003") == true)
        }
    }

    @Test("No sender configured is permanent without a request")
    func missingSender() async throws {
        try await ProviderHarness.with(.twilio, from: SenderIdentity(email: "billing@acme.test")) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "permanent")
            #expect(harness.requests().isEmpty)
        }
    }
}

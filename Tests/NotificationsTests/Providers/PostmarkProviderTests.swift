import FakeProviders
import Foundation
import InvoiceDomain
@testable import Notifications
import Testing

@Suite("Postmark provider")
struct PostmarkProviderTests {
    @Test("Sends POST /email with the server token header and Postmark's JSON fields")
    func requestShape() async throws {
        try await ProviderHarness.with(.postmark) { harness in
            var message = harness.message
            message.toName = "Doe, Jane"
            message.tags["tag"] = "reminder"
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "sent")

            let request = try #require(harness.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/email")
            #expect(request.header("X-Postmark-Server-Token") == harness.secret)
            #expect(request.header("Accept") == "application/json")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Authorization") == nil)

            let body = try jsonObject(request)
            #expect(body["From"] as? String == "Acme Billing <billing@acme.test>")
            #expect(body["To"] as? String == #""Doe, Jane" <jane@example.com>"#)
            #expect(body["Subject"] as? String == "Invoice INV-1 is due")
            #expect(body["HtmlBody"] as? String == "<p>Please pay</p>")
            #expect(body["TextBody"] as? String == "Please pay")
            #expect(body["MessageStream"] as? String == "outbound")
            #expect(body["Tag"] as? String == "reminder")
            #expect(body["Metadata"] as? [String: String] == [
                "idempotency_key": "delivery-1", "invoice_id": "inv_1", "tag": "reminder",
            ])

            let delivered = try #require(harness.delivered().first)
            #expect(delivered.to == "jane@example.com")
            #expect(delivered.toName == "Doe, Jane")
            #expect(delivered.from == "billing@acme.test")
            #expect(result.outcome == .sent(messageId: delivered.providerMessageId))
            #expect(UUID(uuidString: delivered.providerMessageId) != nil)
        }
    }

    @Test("A 422 is permanent and carries Postmark's ErrorCode and Message")
    func unprocessableIsPermanent() async throws {
        try await ProviderHarness.with(.postmark) { harness in
            var message = harness.message
            message.to = "jane.example.com"
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.httpStatus == 422)
            let reason = try #require(result.outcome.reason)
            #expect(reason.contains("ErrorCode 300"))
            #expect(reason.contains("Illegal email address"))
        }
    }

    @Test("422 with ErrorCode 10 (bad server token) is credentials")
    func badTokenAs422() async throws {
        try await ProviderHarness.with(.postmark) { harness in
            harness.setFaults(.status(422, body: #"{"ErrorCode":10,"Message":"Bad or missing API token"}"#))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "credentials")
            #expect(result.outcome.reason?.contains("Bad or missing API token") == true)
        }
    }

    @Test("An unknown message stream is refused by the fake and permanent")
    func unknownStream() async throws {
        let fake = try await FakePostmark.start(serverToken: "pm-token-abcdef")
        let client = ProviderHTTPClient.make(connectTimeout: .seconds(1), readTimeout: .seconds(5))
        let provider = PostmarkProvider(
            baseURL: fake.baseURL, serverToken: fake.serverToken, from: SenderIdentity(email: "billing@acme.test"),
            messageStream: "reminders", client: client, timeout: .seconds(5)
        )
        let result = await provider.send(ProviderHarness.emailMessage)
        try await client.shutdown()
        await fake.shutdown()
        #expect(result.outcome.kind == "permanent")
        #expect(result.outcome.reason?.contains("1235") == true)
    }

    @Test("No message stream configured omits the field")
    func defaultStream() async throws {
        let fake = try await FakePostmark.start(serverToken: "pm-token-abcdef")
        let client = ProviderHTTPClient.make(connectTimeout: .seconds(1), readTimeout: .seconds(5))
        let provider = PostmarkProvider(
            baseURL: fake.baseURL + "/", serverToken: fake.serverToken, from: SenderIdentity(email: "billing@acme.test"),
            messageStream: nil, client: client, timeout: .seconds(5)
        )
        let result = await provider.send(ProviderHarness.emailMessage)
        let request = fake.requests().first
        try await client.shutdown()
        await fake.shutdown()
        #expect(result.outcome.kind == "sent")
        let recorded = try #require(request)
        #expect(recorded.path == "/email")
        #expect(try jsonObject(recorded)["MessageStream"] == nil)
    }
}

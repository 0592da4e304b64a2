import FakeProviders
import Foundation
import InvoiceDomain
@testable import Notifications
import Testing

@Suite("SendGrid provider")
struct SendGridProviderTests {
    @Test("Sends v3 Mail Send: path, bearer key, JSON shape, text/plain before text/html, custom_args")
    func requestShape() async throws {
        try await ProviderHarness.with(.sendGrid) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "sent")

            let request = try #require(harness.requests().first)
            #expect(request.method == "POST")
            #expect(request.path == "/v3/mail/send")
            #expect(request.header("Authorization") == "Bearer \(harness.secret)")
            #expect(request.header("Content-Type") == "application/json")

            let body = try jsonObject(request)
            let personalizations = try #require(body["personalizations"] as? [[String: Any]])
            let to = try #require(personalizations.first?["to"] as? [[String: String]])
            #expect(to == [["email": "jane@example.com", "name": "Jane Doe"]])
            #expect(body["from"] as? [String: String] == ["email": "billing@acme.test", "name": "Acme Billing"])
            #expect(body["subject"] as? String == "Invoice INV-1 is due")
            let content = try #require(body["content"] as? [[String: String]])
            #expect(content == [
                ["type": "text/plain", "value": "Please pay"],
                ["type": "text/html", "value": "<p>Please pay</p>"],
            ])
            #expect(body["custom_args"] as? [String: String] == ["idempotency_key": "delivery-1", "invoice_id": "inv_1"])

            let delivered = try #require(harness.delivered().first)
            #expect(delivered.to == "jane@example.com")
            #expect(delivered.text == "Please pay")
            #expect(delivered.html == "<p>Please pay</p>")
            #expect(result.providerMessageId == delivered.providerMessageId)
            #expect(delivered.providerMessageId.count == 22)
        }
    }

    @Test("Omits the optional names and the html part when absent")
    func minimalMessage() async throws {
        try await ProviderHarness.with(.sendGrid, from: SenderIdentity(email: "billing@acme.test")) { harness in
            var message = harness.message
            message.toName = nil
            message.html = nil
            message.tags = [:]
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "sent")
            let body = try jsonObject(try #require(harness.requests().first))
            let personalizations = try #require(body["personalizations"] as? [[String: Any]])
            #expect(personalizations.first?["to"] as? [[String: String]] == [["email": "jane@example.com"]])
            #expect(body["from"] as? [String: String] == ["email": "billing@acme.test"])
            #expect(body["content"] as? [[String: String]] == [["type": "text/plain", "value": "Please pay"]])
            #expect(body["custom_args"] as? [String: String] == ["idempotency_key": "delivery-1"])
        }
    }

    @Test("A 400 is permanent and carries SendGrid's error message")
    func badRequestIsPermanent() async throws {
        try await ProviderHarness.with(.sendGrid) { harness in
            var message = harness.message
            message.to = "not-an-email"
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.httpStatus == 400)
            let reason = try #require(result.outcome.reason)
            #expect(reason.contains("Does not contain a valid address"))
            #expect(reason.contains("personalizations.0.to.0.email"))
            #expect(harness.delivered().isEmpty)
        }
    }

    @Test("A missing subject is rejected by the fake like SendGrid does")
    func missingSubject() async throws {
        try await ProviderHarness.with(.sendGrid) { harness in
            var message = harness.message
            message.subject = nil
            let result = await harness.provider.send(message)
            #expect(result.outcome.kind == "permanent")
            #expect(result.outcome.reason?.contains("subject") == true)
        }
    }

    @Test("429 without Retry-After uses X-RateLimit-Reset")
    func rateLimitReset() async throws {
        try await ProviderHarness.with(.sendGrid) { harness in
            harness.setFaults(.status(429))
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "retryable")
            let wait = try #require(result.outcome.retryAfter)
            #expect(wait > 55 && wait <= 61)
        }
    }

    @Test("No sender email configured is permanent without a request")
    func missingSender() async throws {
        try await ProviderHarness.with(.sendGrid, from: SenderIdentity(name: "Nobody")) { harness in
            let result = await harness.provider.send(harness.message)
            #expect(result.outcome.kind == "permanent")
            #expect(harness.requests().isEmpty)
        }
    }
}

@Suite("SendGrid body JSON")
struct SendGridBodyJSONTests {
    private func decoded(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test("The hand-written body is the JSON JSONEncoder writes", arguments: [
        ("Jane Doe", "Subject", "text", "<p>html</p>"),
        (nil, nil, "only text", nil),
        ("", "", "", "<b>only html</b>"),
        ("Zoë \"Q\" \\ O'Brien\n", "Ünïcødé ✓ 🙂 \u{0001}\t/slash", "line1\r\nline2\u{2028}", "<a href=\"https://x/y?a=1&b=2\">pay</a>"),
    ] as [(String?, String?, String, String?)])
    func matchesJSONEncoder(name: String?, subject: String?, text: String, html: String?) throws {
        let message = OutboundMessage(
            channel: .email, to: "jane@example.com", toName: name, subject: subject, html: html, text: text,
            idempotencyKey: "in_1|overdue|email", tags: ["delivery_id": "42", "step": "over\"due", "tag": "overdue"]
        )
        let body = SendGridMailSend(message: message, fromEmail: "billing@acme.test", fromName: name == nil ? nil : "Acme")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        #expect(try decoded(Data(body.json.utf8)) == decoded(encoder.encode(body)))
    }
}

@Suite("E-mail copies (escalation)")
struct EmailCopyTests {
    static func message(cc: [String]) -> OutboundMessage {
        OutboundMessage(channel: .email, to: "jane@example.com", toName: "Jane", subject: "S", text: "t", idempotencyKey: "k", cc: cc)
    }

    @Test("SendGrid: cc in the personalization, the recipient left out, none when empty; the hand-written JSON still matches JSONEncoder")
    func sendGrid() throws {
        let body = SendGridMailSend(message: Self.message(cc: ["boss@example.com", "JANE@example.com", "ar@acme.test"]), fromEmail: "b@acme.test", fromName: nil)
        #expect(body.personalizations.first?.cc?.map(\.email) == ["boss@example.com", "ar@acme.test"])
        #expect(body.json.contains(#""cc":[{"email":"boss@example.com"},{"email":"ar@acme.test"}]"#))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let handWritten = try JSONSerialization.jsonObject(with: Data(body.json.utf8)) as? NSDictionary
        let encoded = try JSONSerialization.jsonObject(with: encoder.encode(body)) as? NSDictionary
        #expect(handWritten == encoded)
        #expect(!SendGridMailSend(message: Self.message(cc: []), fromEmail: "b@acme.test", fromName: nil).json.contains("\"cc\""))
    }

    @Test("Postmark: a comma-separated Cc, absent when empty")
    func postmark() throws {
        let body = PostmarkEmail(message: Self.message(cc: ["boss@example.com", "ar@acme.test"]), fromEmail: "b@acme.test", fromName: nil, messageStream: nil)
        #expect(body.cc == "boss@example.com, ar@acme.test")
        let json = String(decoding: try JSONEncoder().encode(PostmarkEmail(message: Self.message(cc: []), fromEmail: "b@acme.test", fromName: nil, messageStream: nil)), as: UTF8.self)
        #expect(!json.contains("\"Cc\""))
    }
}

import FakeProviders
import Foundation
import InvoiceDomain
@testable import Notifications
import Testing

/// Pure pieces of the providers: classification table, form encoding, mailbox formatting, redaction.
@Suite("Provider support")
struct ProviderSupportTests {
    private let classifier = ResponseClassifier(provider: "Test", redactor: SecretRedactor(secrets: ["s3cret-value"]))

    @Test("Status classification table", arguments: [
        (200, "sent"), (201, "sent"), (202, "sent"),
        (400, "permanent"), (404, "permanent"), (409, "permanent"), (413, "permanent"), (422, "permanent"),
        (401, "credentials"), (403, "credentials"),
        (408, "retryable"), (429, "retryable"), (500, "retryable"), (502, "retryable"), (503, "retryable"),
        (504, "retryable"),
    ])
    func statusTable(status: Int, expected: String) {
        #expect(classifier.outcome(status: status, messageId: nil, errorMessage: nil, retryAfter: nil).kind == expected)
    }

    @Test("Only 429 and 503 keep the provider's wait")
    func retryAfterOnlyWhereMeaningful() {
        #expect(classifier.outcome(status: 429, messageId: nil, errorMessage: nil, retryAfter: 3).retryAfter == 3)
        #expect(classifier.outcome(status: 503, messageId: nil, errorMessage: nil, retryAfter: 3).retryAfter == 3)
        #expect(classifier.outcome(status: 500, messageId: nil, errorMessage: nil, retryAfter: 3).retryAfter == nil)
    }

    @Test("Reasons are redacted and truncated")
    func reasonsAreClean() {
        let outcome = classifier.outcome(
            status: 400, messageId: nil, errorMessage: "key s3cret-value " + String(repeating: "y", count: 1000),
            retryAfter: nil
        )
        let reason = outcome.reason ?? ""
        #expect(!reason.contains("s3cret-value"))
        #expect(reason.hasPrefix("Test HTTP 400: key [redacted]"))
        #expect(reason.count == ResponseClassifier.maxReasonLength)
    }

    @Test("Form encoding round-trips through the fakes' decoder", arguments: [
        "+15551234567", "a&b=c", "Pay $5 + tax", "café ☕ 100%", "line\nbreak", "~*-._", "",
    ])
    func formRoundTrip(value: String) {
        let encoded = FormURLEncoder.encode([("Body", value), ("To", "+1")])
        let decoded = FormURLEncoded.decodeFields(Array(encoded.utf8))
        #expect(decoded == ["Body": value, "To": "+1"])
        #expect(!encoded.contains(" "))
    }

    @Test("Mailbox formatting quotes names with specials", arguments: [
        ("Jane Doe", "Jane Doe <j@x.io>"),
        ("Doe, Jane", #""Doe, Jane" <j@x.io>"#),
        (#"Al "Bo" C."#, #""Al \"Bo\" C." <j@x.io>"#),
        ("", "j@x.io"),
    ])
    func mailbox(name: String, expected: String) {
        #expect(MailboxAddress.format(email: "j@x.io", name: name) == expected)
    }

    @Test("Base URLs join with exactly one slash", arguments: ["http://h:1", "http://h:1/", "http://h:1//"])
    func urlJoin(base: String) {
        #expect(ProviderURL.join(base, "/email") == "http://h:1/email")
    }

    @Test("An unusable base URL is permanent, not a crash")
    func invalidBaseURL() async throws {
        let client = ProviderHTTPClient.make(connectTimeout: .milliseconds(200), readTimeout: .seconds(1))
        let provider = SendGridProvider(
            baseURL: "not a url", apiKey: "SG.key-123456", from: SenderIdentity(email: "a@b.co"),
            client: client, timeout: .seconds(1)
        )
        let result = await provider.send(ProviderHarness.emailMessage)
        try await client.shutdown()
        #expect(result.outcome.kind == "permanent")
        #expect(result.httpStatus == nil)
    }
}
